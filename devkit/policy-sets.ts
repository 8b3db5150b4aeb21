/** The labelled sets `npm run eval` measures, with what each one is for (docs/policy.md). */
import { fileURLToPath } from 'node:url';

const setPath = (name: string) => fileURLToPath(new URL(`../test/policy/${name}.jsonl`, import.meta.url));

export const LABELLED_SET = setPath('labelled-set');
export const HELD_OUT_SET = setPath('held-out-set');
export const VERIFICATION_SET = setPath('verification-set');
export const REAL_WORLD_TUNING_SET = setPath('tuning-real-world');
export const BLIND_SET_2026_12 = setPath('blind-set-2026-12');
export const BLIND_SET_2026_12B = setPath('blind-set-2026-12b');
export const BLIND_SET_2026_12C = setPath('blind-set-2026-12c');
export const BLIND_SET_2026_12D = setPath('blind-set-2026-12d');
export const BLIND_SET_2026_12E = setPath('blind-set-2026-12e');
export const BLIND_SET_2026_12F = setPath('blind-set-2026-12f');
export const BLIND_SET_2026_12G = setPath('blind-set-2026-12g');
export const BLIND_SET_2026_12H = setPath('blind-set-2026-12h');
export const BLIND_SET_2026_12I = setPath('blind-set-2026-12i');
export const BLIND_SET_2026_12J = setPath('blind-set-2026-12j');
export const ROUND5_TUNING_SETS = (['a', 'b', 'c'] as const).map((writer) =>
  setPath(`tuning-round5-${writer}`),
);
export const ROUND6_TUNING_SETS = (['a', 'b', 'c'] as const).map((writer) =>
  setPath(`tuning-round6-${writer}`),
);
/** Example brands the labelled rows may name (`brand`): a Swiss brand serving de, fr, it and en. */
export const EXAMPLE_BRANDS_DIR = fileURLToPath(new URL('../brands/examples', import.meta.url));

/**
 * The sets the learned reading of a private case is trained on (npm run train:private-case): the
 * tuning sets, and the blind sets once they were read and became tuning sets. Never the held-out
 * or verification sets, nor a blind set still unread.
 */
export const TRAINING_SETS = [
  LABELLED_SET,
  REAL_WORLD_TUNING_SET,
  BLIND_SET_2026_12,
  BLIND_SET_2026_12B,
  BLIND_SET_2026_12C,
  BLIND_SET_2026_12D,
  BLIND_SET_2026_12E,
  BLIND_SET_2026_12F,
  BLIND_SET_2026_12G,
  BLIND_SET_2026_12H,
  BLIND_SET_2026_12I,
  ...ROUND5_TUNING_SETS,
  ...ROUND6_TUNING_SETS,
];

/** The sets `npm run eval` measures by default, with what each one is for. */
export const DEFAULT_SETS = [
  { path: LABELLED_SET, title: 'LABELLED SET (the rules were built against it)' },
  {
    path: HELD_OUT_SET,
    title:
      'HELD-OUT SET (written blind by someone else; NOT tuned on: only its failure categories were read)',
  },
  {
    path: VERIFICATION_SET,
    title: 'VERIFICATION SET (written blind; never read item by item, only its aggregate figures)',
  },
  {
    path: REAL_WORLD_TUNING_SET,
    title: 'REAL-WORLD TUNING SET (own examples of the mistake types of issue 13; tuned on)',
  },
  {
    path: BLIND_SET_2026_12,
    title:
      'BLIND SET 2026-12 (771 items written to a brief by someone who never read the policy; measured once blind on 2026-12-07, figures kept in BLIND-SET-2026-12.md; since then a TUNING set, tuned on, 14 rows relabelled: see docs/policy.md)',
  },
  {
    path: BLIND_SET_2026_12B,
    title:
      "BLIND SET 2026-12b (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 after issue 13's third round, figures in BLIND-SET-2026-12b.md; since then a TUNING set (fourth round))",
  },
  {
    path: BLIND_SET_2026_12C,
    title:
      'BLIND SET 2026-12c (620 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 after the fourth round, figures in BLIND-SET-2026-12c.md; since then a TUNING set)',
  },
  ...ROUND5_TUNING_SETS.map((path, i) => ({
    path,
    title: `ROUND-5 TUNING SET ${'abc'[i]} (240 items, one of three writers with different voices who never read the policy; TUNING set, fifth round: see docs/policy.md)`,
  })),
  ...ROUND6_TUNING_SETS.map((path, i) => ({
    path,
    title: `ROUND-6 TUNING SET ${'abc'[i]} (240 items, one of three new writers who never read the policy; TUNING set, sixth round: see docs/policy.md)`,
  })),
  {
    path: BLIND_SET_2026_12D,
    title:
      'BLIND SET 2026-12d (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 after the sixth round, figures in BLIND-SET-2026-12d.md; spent)',
  },
  {
    path: BLIND_SET_2026_12E,
    title:
      'BLIND SET 2026-12e (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 before and with the learned private-case reading, figures in BLIND-SET-2026-12e.md; spent, and since then trained on)',
  },
  {
    path: BLIND_SET_2026_12F,
    title:
      'BLIND SET 2026-12f (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 at cdacb0c and labelled a second time by two other readers, figures in BLIND-SET-2026-12f.md; spent, and since then trained on)',
  },
  {
    path: BLIND_SET_2026_12G,
    title:
      'BLIND SET 2026-12g (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 at cdc15a8 and labelled a second time by two other readers, figures in BLIND-SET-2026-12g.md; spent, and since then trained on)',
  },
  {
    path: BLIND_SET_2026_12H,
    title:
      'BLIND SET 2026-12h (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 at the end of the session (8c23ca1, and the session start efe24e3 for comparison) and labelled a second time by two other readers, figures in BLIND-SET-2026-12h.md; spent, and since then trained on)',
  },
  {
    path: BLIND_SET_2026_12I,
    title:
      'BLIND SET 2026-12i (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-07 at the end of the night session (27c6c6c, and the session start 2068ece for comparison), figures in BLIND-SET-2026-12i.md; spent, and since then trained on)',
  },
  {
    path: BLIND_SET_2026_12J,
    title:
      'BLIND SET 2026-12j (640 items to parcelexpress and alpenbahn, written to a brief by two people who never read the policy; measured once blind on 2026-12-08 at the end of the session (11ebbe1, and the session start abfa07e for comparison), figures in BLIND-SET-2026-12j.md; spent, not yet trained on)',
  },
];
