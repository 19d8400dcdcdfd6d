export * from "./users.js";
export { recordVisit as track } from "./visits.js";
export { default as audit } from "./audit.js";
