const HOUR_MS = 3_600_000;

/** Meta's standard messaging window, opened or refreshed by the customer: `RESPONSE` inside it. */
export const META_STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** How long after the customer's last message a person may still answer with the HUMAN_AGENT tag. */
export const META_HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
/** How long after a comment its one private reply may be sent. */
export const META_PRIVATE_REPLY_WINDOW_MS = 7 * 24 * HOUR_MS;
