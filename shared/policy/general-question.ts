import { namesThing } from './cues.js';
import type { Problems } from './evidence.js';
import type { Features } from './features.js';

/**
 * A question about the service ("Bis wie viel Kilo darf ein Paket sein?", "do I pay you or An
 * Post?", "Gibt es ein Kinder-Abo?"): it asks, and no sentence names a thing of the customer's
 * with what is wrong with it, asks after its status, names money, an unanswered contact, something
 * lost, personal data or an action on an own thing, in a language the brand serves. A negation or
 * a wait elsewhere in the message ("ich hab es nicht gefunden") is no case: the answer is public.
 */
export function askedInGeneral(f: Features, p: Problems, harm: boolean): boolean {
  const { cues: m, sentences: s } = f;
  // a question about the service is a whole sentence, not "WHERE??" after "DELIVERED??"
  const fullQuestion = s.all.some((t) => !s.statements.includes(t) && t.words.length >= 4);
  return (
    s.question &&
    fullQuestion &&
    !p.statedCase &&
    !p.problemCase &&
    !s.statusQuestion &&
    !p.strongProblem &&
    !p.fault &&
    !p.firstPersonIncident &&
    !p.firstPersonAction &&
    !p.dispute &&
    !p.unanswered &&
    !p.moneyAmount &&
    !harm &&
    // something to be done to an own thing ("stornieren", "rebook"), something left behind
    f.hits.action.length === 0 &&
    !m.lost_property.test(f.tokens) &&
    f.language.served &&
    // "my parcel", "mein Abo", "notre ligne": a thing of the customer's own, named in any sentence
    !s.all.some((t) => m.possessive.test(t) && namesThing(m, t)) &&
    f.personalData.length === 0
  );
}
