// The contracts between the tiers, neutral ground that conn, logic and job all import instead of each other.
export type * from "./logic";
export type * from "./conn";
