export { TurnBatcher } from "./turn";
