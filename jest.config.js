/** Unit tests run without external processes; integration tests start real ones. */
const transform = { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }] };
const common = { transform, testEnvironment: "node", moduleFileExtensions: ["ts", "js", "json"] };
module.exports = {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/{pkg,internal,api}/**/*.test.ts"] },
    { ...common, displayName: "integration", testMatch: ["<rootDir>/test/**/*.test.ts"] },
  ],
};
