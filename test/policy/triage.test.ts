import { describe, expect, it } from 'vitest';
import { triage, triageByRules } from '../../shared/policy/triage.js';
import { customerEvent, decideText, parcelExpress } from './helpers.js';

function read(text: string, channel: 'comment' | 'dm' | 'mention' = 'comment', followers?: number) {
  return triage(
    customerEvent({ text, channel, ...(followers !== undefined ? { followers } : {}) }),
    parcelExpress,
  );
}

// Every text here was written for these tests; none is taken from the labelled or held-out sets.

describe('silence needs positive evidence', () => {
  it.each([
    'Gestern stand ein Lieferwagen von euch drei Stunden vor unserer Schule',
    'Saw one of your vans parked on the pavement by the station this morning',
    'Habe heute mit eurer Kollegin am Schalter in Pankow gesprochen',
  ])('a message the policy cannot read goes to a person, without an automatic reply: %s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.action).not.toBe('silent');
    expect(d.handoff).toBe(true);
  });

  it('a neutral message with no reading gets neutral words from the templates and goes to a person', () => {
    const d = decideText({ text: 'Habe heute mit eurer Kollegin am Schalter in Pankow gesprochen' });
    expect(d).toMatchObject({ intent: 'other', action: 'reply_and_handoff', handoff: true });
    expect(d.publicReply?.templateId).toMatch(/^received\.de\.\d$/);
    expect(d.reasons).toContain('handoff:unclear_acknowledged');
  });

  it.each([
    ['@marie_k42 schau mal, genau so einer stand bei uns im Hof 😅', 'other'],
    ['Kennt jemand einen guten Schlüsseldienst in Leipzig?', 'other'],
    ['anyone else watching the final later?', 'other'],
    ['hahaha the cat in this clip 😂', 'other'],
  ])('chatter with evidence of no concern stays silent: %s', (text, intent) => {
    const d = decideText({ text });
    expect(d.intent).toBe(intent);
    expect(d.action).toBe('silent');
  });
});

describe('rude wording around a concern is a complaint, contempt alone is abuse', () => {
  it.each([
    'Ihr Chaostruppe, mein Paket liegt seit zwei Wochen irgendwo rum',
    'you clowns charged me twice this month',
    'Drecksladen, eure Fahrer rasen hier jeden Morgen durch die Spielstraße und sind unverschämt',
  ])('insult plus a concern is never silent: %s', (text) => {
    const d = decideText({ text });
    expect(d.intent).not.toBe('abuse');
    expect(d.action).not.toBe('silent');
    expect(d.handoff).toBe(true);
  });

  it.each([
    'Was für ein Kasperverein, ehrlich',
    'total bunch of amateurs lol',
    'Widerlich, dieser Beitrag. Schämt euch.',
  ])('contempt with no concern is abuse and stays silent: %s', (text) => {
    const d = decideText({ text });
    expect(d.intent).toBe('abuse');
    expect(d.action).toBe('silent');
  });
});

describe('the brand name is no cue word', () => {
  it('a boycott of the brand by name is a complaint, not an order', () => {
    const t = read('Euer neuer Werbespot ist geschmacklos. Nie wieder ParcelExpress!');
    expect(t.intent).toBe('complaint');
    expect(t.reasons.join(' ')).not.toContain('parcelexpress');
  });

  it('a compound with the brand name does not make a parcel', () => {
    const t = read('Die ParcelExpress-Werbung im Kino war echt gelungen, Kompliment');
    expect(t.intent).toBe('praise');
    expect(t.complex).toBe(false);
  });
});

describe('questions without a question mark', () => {
  it.each([
    ['Does the parcel shop in the mall take returns from other carriers', 'question'],
    ['Nimmt die Filiale am Bahnhof auch Sperrgut an', 'question'],
    ['Hallo, gibt es bei euch eine Abholung am Samstag', 'question'],
  ])('a question word or fronted verb asks: %s', (text, intent) => {
    const t = read(text);
    expect(t.intent).toBe(intent);
    expect(t.complex).toBe(false);
    expect(t.reasons.some((r) => r.startsWith('intent:question'))).toBe(true);
  });

  it('an exclamation is no question and says so in no question reason', () => {
    const t = read('Was für eine peinliche Kampagne, schämt euch');
    expect(t.intent).not.toBe('question');
    expect(t.reasons.join(' ')).not.toContain('(?)');
  });

  it('"Wer ..., hat" is a statement, "Kann seit heute keine ..." too', () => {
    expect(read('Wer bei euch die Touren plant, hat echt alles falsch gemacht 🤡').intent).toBe('abuse');
    expect(read('Kann seit heute früh keine Sendung mehr in der App verfolgen').intent).toBe(
      'technical_fault',
    );
  });
});

describe('a case of the customer’s own is complex', () => {
  it.each([
    'mein Päckchen mit den Ersatzteilen ist immer noch nicht da',
    'our delivery from last week still hasnt turned up',
    'mis Paket isch sit Fritig im Lager z Basel',
  ])('possessive + problem: %s', (text) => {
    expect(read(text)).toMatchObject({ intent: 'order_delivery', complex: true });
  });

  it.each(['wo bleibt meine Lieferung', 'where is my order from tuesday', 'where are my things'])(
    'a where-is-my question: %s',
    (text) => {
      expect(read(text)).toMatchObject({ intent: 'order_delivery', complex: true });
    },
  );

  it.each(['still no package. week two.', 'Sendung seit 8 Tagen nicht bewegt', '📦❌ 😤'])(
    'a stated problem with a thing, also without "my": %s',
    (text) => {
      expect(read(text).complex).toBe(true);
    },
  );

  it.each([
    'ich möchte meinen Tarif zum Monatsende kündigen',
    'I need to change the delivery address for the order I placed today',
  ])('a request about the own contract or order: %s', (text) => {
    expect(read(text).complex).toBe(true);
  });

  it.each([
    'You took 19,90 € from my card for a subscription I never signed up for',
    'Ihr habt mir die Expressgebühr berechnet, obwohl das Paket drei Tage gebraucht hat',
    'I am contesting the surcharge on the last bill, who handles that',
  ])('money in dispute is a billing case at L2: %s', (text) => {
    const d = decideText({ text });
    expect(d).toMatchObject({ intent: 'account_billing', complex: true, escalation: 'L2' });
  });

  it.each([
    'Habe vor zwei Wochen eine Mail wegen der Beschädigung geschickt, bis heute keine Antwort',
    'sent you three messages about the missing item and still nothing back',
  ])('an unanswered contact is an open case: %s', (text) => {
    const t = read(text);
    expect(t.complex).toBe(true);
    expect(t.intent).not.toBe('other');
  });

  it.each([
    'Die App stürzt seit dem letzten Update beim Öffnen ab',
    'Packstation am Marktplatz zeigt nur einen schwarzen Bildschirm',
    'the locker on Hill Street wont open, tried 4 times',
  ])('a thing + fault verb is a technical fault, also as a German separable verb: %s', (text) => {
    const d = decideText({ text });
    expect(d).toMatchObject({ intent: 'technical_fault', escalation: 'L2' });
  });

  it.each([
    ['Die App stürzt seit dem letzten Update beim Öffnen ab', false],
    ['WLAN im ICE 1091 geht nicht, nur "Verbindung wird hergestellt"', false],
    ['my locker code wont open the locker, tried 4 times, my parcel is in there', true],
  ])('a fault is private only when it is the customer’s own: %s', (text, complex) => {
    expect(decideText({ text }).complex).toBe(complex);
  });

  it('a concrete own case in a DM is complex', () => {
    const t = read('Hallo, ich warte seit Montag auf meine Gutschrift', 'dm');
    expect(t.complex).toBe(true);
  });

  it('a first-person incident beats "every time" (general grievance) in the rule phases', () => {
    const text = 'Jedes Mal das Gleiche: ich war zuhause und trotzdem liegt eine Karte im Briefkasten';
    const rules = triageByRules(customerEvent({ text, channel: 'comment' }), parcelExpress);
    expect(rules.complex).toBe(true);
    expect(rules.reasons).toContain('complex:own_incident');
    // the learned reading weighs it as the writers of the tuning sets mostly did (a delivery
    // grievance, answered in public first, with a person to follow up), and says that it overruled
    const t = read(text);
    expect(t.complex).toBe(false);
    expect(t.reasons.filter((r) => r.startsWith('not_complex:learned_reading('))).toHaveLength(1);
    expect(t.concern).toBe(true);
  });
});

describe('general questions and general grievances stay simple', () => {
  it.each([
    'Do you deliver on Sundays?',
    'how long does a refund usually take',
    'Was passiert mit einem Paket, wenn ich nicht zuhause bin?',
    'Kann ich ein Paket an eine andere Adresse umleiten lassen?',
  ])('a general question is not complex: %s', (text) => {
    expect(read(text)).toMatchObject({ intent: 'question', complex: false });
  });

  it.each([
    'Der Versand kostet jetzt schon wieder mehr als letztes Jahr. Unverschämt.',
    'every other delivery in this town turns up late, sort it out',
  ])('prices and "every other" are a complaint that is not complex: %s', (text) => {
    const d = decideText({ text });
    expect(d).toMatchObject({ intent: 'complaint', complex: false });
    expect(d.action).not.toBe('silent');
  });
});

describe('spam needs a carrier', () => {
  it('a lure link that plays the brand is spam', () => {
    const t = read('Ihre Sendung wartet: Zollgebühr 2,49 € jetzt bezahlen unter paket-zoll-pay.info');
    expect(t.intent).toBe('spam');
  });

  it.each([
    'Eure Werbung nervt nur noch, ich bin weg',
    'Gewinnspiel? Ihr schafft es nicht mal, mein Paket zuzustellen',
  ])('spam words in a grievance without a link are the customer’s: %s', (text) => {
    const d = decideText({ text });
    expect(d.intent).not.toBe('spam');
    expect(d.action).not.toBe('silent');
  });

  it.each([
    'Hi! We run a small design studio and would love a paid collaboration with your page. Rates in DM, just dm back 🙂',
    'Fahrer (m/w/d) für Touren rund um Erfurt gesucht, Vollzeit, sofort, jetzt bewerben: touren-jobs.example',
    'Wir verlosen 3 Gutscheine für unseren Hofladen! Einfach liken und teilen, Auslosung am Sonntag 🍓',
    'Unser Sommer-Sale läuft: 40 % auf alle Koffer, nur heute, komm vorbei im Outlet Nord! www.koffer-outlet.example',
  ])('an offer to the brand or its readers is spam, left alone: %s', (text) => {
    const d = decideText({ text });
    expect(d.intent).toBe('spam');
    expect(d.action).toBe('silent');
  });

  it.each([
    'Hab mich bei euch als Fahrer beworben, seit drei Wochen keine Antwort auf meine Bewerbung. Ist die angekommen?',
    'Gibt es bei euch einen Sale auf Versandkartons? Auf der Seite finde ich nichts: https://parcelexpress.example/shop',
  ])('a customer using an offer word is answered: %s', (text) => {
    const d = decideText({ text });
    expect(d.intent).not.toBe('spam');
    expect(d.action).not.toBe('silent');
  });
});

describe('public reach', () => {
  it.each([
    'Ich habe 45k Follower und die erfahren heute alle, wie ihr meine Retoure verschlampt habt',
    'with my 250k followers watching: my parcel has been lost for a month',
  ])('a follower count in the text goes to L3: %s', (text) => {
    const d = decideText({ text });
    expect(d.escalation).toBe('L3');
    expect(d.complex).toBe(true);
  });

  it.each([
    'Wir bringen eure Seite in vier Wochen auf 50k Follower, echte Leute, kein Fake. Interesse?',
    'Need 20k followers by Friday? We grow business pages fast, reply YES for the price list',
    'Unsere Agentur hat schon 300 Shops auf 100.000 Abonnenten gebracht, wollt ihr auch?',
  ])('a follower count said of anyone but the writer is no reach of theirs: %s', (text) => {
    const d = decideText({ text });
    expect(d.escalation).not.toBe('L3');
    expect(d.reasons.some((r) => r.startsWith('influencer('))).toBe(false);
  });

  it.each([
    'BOYKOTT! Die lassen Pakete einfach im Regen stehen. Teilt das!',
    'spread the word, they lose parcels and never pay out',
  ])('a call to boycott or share goes to L3: %s', (text) => {
    expect(decideText({ text }).escalation).toBe('L3');
  });

  it('an editor asking for a statement is a question at L3', () => {
    const d = decideText({
      text: 'Guten Tag, ich bin Redakteur beim Kreisblatt und bitte um eine Stellungnahme zu den Verspätungen',
    });
    expect(d).toMatchObject({ escalation: 'L3', complex: true });
    expect(d.action).not.toBe('silent');
  });
});

describe('praise', () => {
  it.each([
    'Wunderschönes Foto vom Depot im Nebel',
    'thank u so much, sorted in minutes',
    'Ging alles reibungslos, die Rücksendung war in zwei Tagen erledigt',
  ])('praise in other words: %s', (text) => {
    expect(read(text).intent).toBe('praise');
  });

  it('one praise word after a stated problem is sarcasm', () => {
    const t = read('Paket einfach vor die Garage gelegt, im Regen, super');
    expect(t.intent).not.toBe('praise');
    expect(t.negative).toBe(true);
  });
});

describe('escalation: what an expert has to look at (L2)', () => {
  it.each([
    'Bitte erstattet mir die 34,90 € für die Rücksendung auf mein Konto',
    'could you refund the jacket I sent back on friday please',
  ])('a polite refund request is a billing case at L1: %s', (text) => {
    expect(decideText({ text })).toMatchObject({
      intent: 'account_billing',
      complex: true,
      escalation: 'L1',
    });
  });

  it.each([
    'Die Erstattung wurde mir vor sechs Wochen zugesagt, bis heute nichts auf dem Konto',
    'my refund was promised a month ago and still nothing',
  ])('an overdue or promised refund is a dispute at L2: %s', (text) => {
    expect(decideText({ text }).escalation).toBe('L2');
  });

  it.each([
    'Der Bote war total unfreundlich und hat mir das Paket vor die Füße geschmissen',
    'your courier was really rude to my neighbour this morning',
  ])('staff conduct is a complaint about the own case at L1, not damage: %s', (text) => {
    const d = decideText({ text });
    expect(d).toMatchObject({ intent: 'complaint', complex: true, escalation: 'L1' });
    expect(d.action).not.toBe('silent');
  });

  it.each([
    'ihr habt meine Retoure verschlampt',
    'app says my parcel was marked delivered yesterday, nothing here',
    'Im Karton war ein Riss und die Tasse hatte eine Delle',
  ])('loss and damage go to L2: %s', (text) => {
    expect(decideText({ text }).escalation).toBe('L2');
  });
});

describe('negative tone', () => {
  it.each([
    'Lieferung sollte am Montag kommen, steht seit vier Tagen auf "in Vorbereitung"',
    'my order has been sitting at the depot for 11 days now',
  ])('a wait the customer counts on an own case reads negative: %s', (text) => {
    expect(read(text).negative).toBe(true);
  });

  it.each([
    'Got my replacement card today, not impressed with the packaging',
    'bin nicht zufrieden mit der Abholung',
  ])('a negated praise word is displeasure, not praise: %s', (text) => {
    const t = read(text);
    expect(t.intent).not.toBe('praise');
    expect(t.negative).toBe(true);
  });

  it('a neutral status question without a counted wait stays neutral', () => {
    expect(read('Hallo, wann wird meine Sendung heute ungefähr zugestellt?').negative).toBe(false);
  });
});

describe('cases in other industries and in DMs', () => {
  it.each([
    'Meine Hausratversicherung hat die Prämie verdoppelt, ohne mir Bescheid zu sagen',
    'my flight booking vanished from the app and the seat is gone',
    'Der Techniker kam nicht zum Termin, wir haben den ganzen Tag gewartet',
  ])('booked things, policies and appointments are own cases: %s', (text) => {
    expect(read(text).complex).toBe(true);
  });

  it.each([
    'Hi, the courier left a note but nobody ever came to the door',
    'Die Zustellerin hat die Karte eingeworfen, obwohl ich daheim war',
  ])('a concern written in a DM is a private case: %s', (text) => {
    expect(read(text, 'dm').complex).toBe(true);
  });

  it('a general question in a DM stays simple', () => {
    expect(read('Wie lange habt ihr samstags in der Filiale auf?', 'dm')).toMatchObject({
      intent: 'question',
      complex: false,
    });
  });
});
