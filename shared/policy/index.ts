import type { InboundEvent } from '../events.js';
import type { Brand, BrandAccount } from './brand.js';
import { dmLink } from './brand.js';
import type { Decision, Intent, PersonalDataKind } from './decision.js';

/** What the policy needs to know about the conversation an event belongs to. */
export interface ConversationState {
  /** automatic acknowledgements already sent in this conversation */
  automaticReplies: number;
  /** a person (an agent, or someone answering in the platform's own inbox) has already answered */
  humanReplied: boolean;
  /** the conversation is already with a person: a new message updates that case */
  handedOff: boolean;
  /** template ids this account used recently: rendering avoids repeating them */
  recentTemplateIds: string[];
}

export interface PolicyInput {
  event: InboundEvent;
  conversation: ConversationState;
  brand: Brand;
  account: BrandAccount;
  now: Date;
}

const GERMAN_MARKERS =
  /\b(und|nicht|ich|ist|das|die|der|mein|meine|bitte|danke|kein|keine|wo|warum|seit|paket|bestellung|noch|schon|wann|ihr|euch|mit|für|über)\b/giu;
const ENGLISH_MARKERS =
  /\b(and|not|the|is|my|please|thanks|thank|where|why|since|package|order|still|already|when|you|your|with|for|about)\b/giu;

function detectLanguage(text: string, brand: Brand): string {
  const de = text.match(GERMAN_MARKERS)?.length ?? 0;
  const en = text.match(ENGLISH_MARKERS)?.length ?? 0;
  const guess = de > en ? 'de' : en > de ? 'en' : brand.defaultLanguage;
  return brand.languages.includes(guess) ? guess : brand.defaultLanguage;
}

const COMPLEX_RULES: Array<[Intent, RegExp]> = [
  ['order_delivery', /\b(bestellung|paket|lieferung|sendung|order|parcel|package|delivery|tracking)\b/iu],
  ['account_billing', /\b(konto|rechnung|vertrag|abbuchung|account|invoice|billing|contract|refund)\b/iu],
  [
    'complaint',
    /\b(beschwerde|unverschämt|frechheit|katastrophe|complaint|terrible|awful|worst|unacceptable)\b/iu,
  ],
];

const PERSONAL_DATA: Array<[PersonalDataKind, RegExp]> = [
  ['email', /[\w.+-]+@[\w-]+\.[\w.-]+/u],
  ['phone', /(?:\+\d{2}|\b0)\d[\d /-]{6,}\d/u],
  ['iban', /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b/u],
];

const TEXTS = {
  de: {
    ack: 'Danke für deine Nachricht! Wir kümmern uns gleich darum.',
    toDm: 'Danke, dass du dich meldest! Damit wir dir persönlich helfen können, schreib uns bitte per Direktnachricht: {dmLink}',
    private: 'Hallo! Hier kannst du uns die Details schicken, wir schauen uns dein Anliegen persönlich an.',
  },
  en: {
    ack: 'Thanks for reaching out! We are on it.',
    toDm: 'Thanks for letting us know! So we can help you personally, please send us a direct message: {dmLink}',
    private: 'Hi! Send us the details here and we will look into it personally.',
  },
} as const;

/** The first, simple care policy: acknowledge, move complex cases to DM, hand off what needs a person. */
export function decide(input: PolicyInput): Decision {
  const { event, conversation, brand, account } = input;
  const language = detectLanguage(event.text, brand);
  const texts = language === 'de' ? TEXTS.de : TEXTS.en;
  const intent = COMPLEX_RULES.find(([, re]) => re.test(event.text))?.[0] ?? 'question';
  const personalData = PERSONAL_DATA.filter(([, re]) => re.test(event.text)).map(([kind]) => kind);
  const complex = intent !== 'question' || personalData.length > 0;
  const reasons: string[] = [];
  if (complex) reasons.push(intent !== 'question' ? `intent:${intent}` : 'personal_data');
  for (const kind of personalData) reasons.push(`personal_data:${kind}`);

  const base = {
    language,
    intent,
    complex,
    personalData,
    escalation: intent === 'complaint' ? 'L2' : 'L1',
    priority: complex ? 'high' : 'normal',
    handoff: complex,
  } as const;

  if (conversation.automaticReplies > 0 || conversation.humanReplied) {
    reasons.push(conversation.humanReplied ? 'already_answered_by_person' : 'already_acknowledged');
    return { ...base, action: complex ? 'handoff' : 'silent', reasons };
  }
  if (!complex) {
    return {
      ...base,
      action: 'reply',
      reasons: ['simple_question'],
      publicReply: { text: texts.ack, templateId: `ack.${language}` },
    };
  }
  const link = dmLink(event.platform, account);
  if (event.channel === 'dm') {
    return {
      ...base,
      action: 'reply_and_handoff',
      reasons,
      privateReply: { text: texts.private, templateId: `dm.${language}` },
    };
  }
  return {
    ...base,
    action: 'reply_and_dm',
    reasons,
    publicReply: { text: texts.toDm.replace('{dmLink}', link), templateId: `to_dm.${language}` },
    privateReply: { text: texts.private, templateId: `private.${language}` },
  };
}
