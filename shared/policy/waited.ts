/**
 * A wait the customer went through, counted in minutes or hours, in one clause: a span ("40
 * minutes", "zwoa Stund", "1h45") and waiting through it (standing, sitting, late, in the cold),
 * either way round: "40 minutes d'attente", "steht seit 20 Minuten".
 */
const WAITED =
  /(?<![\p{L}\d])(?:\d{1,3}(?:[.,:h]\d{1,2})?|zwei|drei|vier|zwoa|two|three|four|deux|trois|quatre|due|tre|quattro|eine|an|une|una)\s?(?:min|mins|minutes?|minuten|minuti|stunden?|stund|std|h|hours?|hrs|heures?|ore|ora)(?![\p{L}])[^.!?\n]{0,60}(?<![\p{L}])(?:wait(?:ed|ing)?|warte[nt]?|gewartet|gwartet|gwart|attente|attendu|attendre|attes[ao]|aspettat[oi]|aspettare|sitze|sitzen|stehe|stehen|steht|standen|gestanden|gstande|stuck|standing|sitting|bloqu[ée]s?|fermo|fermi|feststecken|steckt|stecken|late|versp(?:ä|ae)t\p{L}{0,4}|retard|ritardo|kalt\p{L}{0,2}|froid|cold|freddo)(?![\p{L}])|(?<![\p{L}])(?:wait(?:ed|ing)?|warte[nt]?|gewartet|gwartet|gwart|attente|attendu|attendre|attes[ao]|aspettat[oi]|aspettare|sitze|sitzen|stehe|stehen|steht|standen|gestanden|gstande|stuck|standing|sitting|bloqu[ée]s?|fermo|fermi|feststecken|steckt|stecken|late|versp(?:ä|ae)t\p{L}{0,4}|retard|ritardo|kalt\p{L}{0,2}|froid|cold|freddo)(?![\p{L}])[^.!?\n]{0,60}(?<![\p{L}\d])(?:\d{1,3}(?:[.,:h]\d{1,2})?|zwei|drei|vier|zwoa|two|three|four|deux|trois|quatre|due|tre|quattro|eine|an|une|una)\s?(?:min|mins|minutes?|minuten|minuti|stunden?|stund|std|h|hours?|hrs|heures?|ore|ora)(?![\p{L}])/iu;

/** Whether the customer tells of a wait they went through, counted in minutes or hours. */
export function waitedThrough(raw: string): boolean {
  return WAITED.test(raw);
}
