import { describe, expect, it } from 'vitest';
import { alpenbahn, decideText, parcelExpress } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification,
// tuning or blind set, nor from anyone's posts. Places and times are made up.

const comment = (text: string) => ({ text, platform: 'facebook' as const, channel: 'comment' as const });
const onAlpenbahn = (text: string) => decideText(comment(text), { brand: alpenbahn });

describe('something left or lost on a journey goes to the lost-property office in private', () => {
  it.each([
    'I left my scarf on the 8:10 train to Thun, a red one. Can someone check?',
    'Hab meine Jacke im Zug vergessen, IC nach Chur um 17 Uhr. Wo kann ich nachfragen?',
    "Mon fils a oublié son sac à dos dans le train de Sion ce matin, quelqu'un l'a vu ?",
    'Ho dimenticato il mio ombrello sul treno per Bellinzona, come faccio a recuperarlo?',
    'Forgot my glasses in the overhead rack this morning, how do I get them back?',
  ])('%s', (text) => {
    const d = onAlpenbahn(text);
    expect(d.complex).toBe(true);
    expect(d.action).not.toBe('silent');
  });

  it.each([
    'Wo ist das Fundbüro im Bahnhof Bern?',
    'Merci au personnel du bureau des objets trouvés, j’ai récupéré mon sac, super service 🙏',
    'Danke fürs Finden meiner Mütze im Zug, Fundbüro war top 😊',
  ])('a question about the office, or thanks, stays public: %s', (text) => {
    expect(onAlpenbahn(text).complex).toBe(false);
  });
});

describe('people in danger right now: a person takes over at once', () => {
  it.each([
    'Im Regio nach Aarau ein betrunkener Mann, der Leute anschreit, kein Personal da. Bitte kommt!',
    "there's a drunk guy in coach 2 shouting at passengers, please send staff",
    'Ein Kind ganz allein im Zug nach Olten, es weint. Wagen 3.',
    'Un bambino da solo sul treno per Lugano, nessuno con lui.',
    'Auf Gleis 3 drängen alle, Leute fast auf die Schienen geschoben!!',
    'Ein Mann ist in Olten zwischen Zug und Perron gerutscht, bitte Personal schicken',
    'the lady next to me in coach 4 cannot breathe properly, we are stuck outside Thun',
    'Im stehenden Zug vor Spiez: ein Herr bekommt keine Luft mehr, wo ist der Zugbegleiter?',
    'Ein kleiner Junge allein auf Perron 5 in Luzern, sucht seine Eltern',
    'Der Kondukteur soll aufpassen, wenn ich den nochmal seh dann knallts',
    'Auf Gleis 7 in Bern steht seit einer Stunde ein herrenloser Koffer',
    'je suis à bout, je veux mourir, personne ne m’aide. je voudrais juste ne plus me réveiller',
    'ehrlich, manchmal will ich nicht mehr leben, alles bricht zusammen',
    'In Zug ein Mann torkelt auf Perron 2 immer wieder an die Kante, bitte schickt jemanden',
    'someone is lying on the platform in Spiez and nobody stops, I called 144',
    'a fight broke out in the last coach of the IR to Basel, please send the police',
    'Mini Sohn (8) isch allei im Bus-Ersatz blibe, er hät kei Handy',
    "Ma fille s'est trompée de train, elle est seule à Romont et il fait nuit",
    'Wenn das nochmal passiert, zünd ich euren Schalter an',
    'Der Typ vom Schalter kann was erleben, ich stech ihm die Reifen auf',
    'Der Zugbegleiter hat Brustschmerzen und sitzt blass im Abteil, bitte schickt jemanden',
    'Im Zug nach Chur riecht es seit einer Viertelstunde nach verbranntem Plastik',
    'Leute klettern in Brig über die Gleise, weil der Perron überfüllt ist',
    'after the concert people are being pushed to the edge of platform 3',
    "Quelqu'un a fait un malaise dans le train de Fribourg, voiture 2",
    'Wenn ich den Kondukteur erwische, kriegt er was auf die Fresse',
    'Im geparkten Bus am Bahnhof weint ein Kind, kein Erwachsener in Sicht',
    'Im Wartesaal in Thun riecht es stark nach Lösungsmittel, mir ist schon übel',
    'Eine ältere Frau am Perron wirkt verwirrt und weiss nicht, wo sie wohnt, es ist eiskalt',
    'Ich weiss, wo der Kondukteur wohnt, sonst erlebt er etwas',
    'Des jeunes bousculent et un homme bouscule une vieille dame dans le RE, envoyez quelqu’un',
  ])('%s', (text) => {
    const d = onAlpenbahn(text);
    expect(d.escalation).toBe('L3');
    expect(d.complex).toBe(true);
  });

  it.each([
    'Euer Fahrer wurde in der Lindenstraße von einem Hund gebissen, bitte kümmert euch um ihn',
    'Your driver was clearly drunk, I could smell it, he then drove off with the van',
    'Der Fahrer hatte heute Vormittag eine Fahne und ist dann mit dem Transporter weiter',
  ])('a driver hurt or at the wheel drunk: %s', (text) => {
    expect(decideText(comment(text)).escalation).toBe('L3');
  });

  it('an outrage going viral reaches as far as the press', () => {
    const d = decideText(
      comment('Das Video von eurem Fahrer, der Pakete wirft, geht viral. Ihr solltet euch schämen.'),
    );
    expect(d.escalation).toBe('L3');
  });

  it.each([
    'Darf mein Sohn mit 12 allein mit dem Zug fahren?',
    'Ich weiß wo mein Paket ist, beim Nachbarn, danke trotzdem',
    'Zwischen Zürich und Bern ist der Zug heute 10 Minuten zu spät',
    'Unser Fahrer war wieder super freundlich, danke!',
    'Die Aussicht vom Panoramawagen an der Kante vom Gletscher ist der Wahnsinn 😍',
    'Mein Paket liegt seit Tagen im Verteilzentrum und bewegt sich nicht',
    'Sie ist letzte Woche allein mit dem Zug gefahren, hat super geklappt, danke!',
    'Hab im Radio gehört, dass ihr streikt. Stimmt das?',
  ])('no danger: %s', (text) => {
    expect(decideText(comment(text)).escalation).not.toBe('L3');
  });

  it('a van that nearly ran a child over is a danger', () => {
    const d = decideText(comment('Your van nearly ran my daughter over at the school crossing this morning'));
    expect(d.escalation).toBe('L3');
  });

  it.each([
    'Guten Tag, wir würden gern ein kurzes Interview zu euren Hitzeplänen im Sommer führen',
    'Das Video von eurem Fahrer hat schon 80.000 Aufrufe, wollt ihr nichts dazu sagen?',
    'Das Video vom Kondukteur geht gerade überall rum, 1,2 Mio Aufrufe',
  ])('a request for an interview, a video with its views counted: %s', (text) => {
    expect(decideText(comment(text)).escalation).toBe('L3');
  });

  it('a video of a conductor that is going around reaches as far as the press', () => {
    expect(onAlpenbahn('Das Video vom Kondukteur in Sargans geht grad rum. Peinlich.').escalation).toBe('L3');
  });

  it('a van that hit a cyclist is a danger, not a remark', () => {
    const d = decideText(comment('Euer Transporter hat eben einen Radfahrer erfasst, Krankenwagen kommt.'));
    expect(d.escalation).toBe('L3');
  });
});

describe('a signature forged on a delivery is a legal matter', () => {
  it('Urkundenfälschung', () => {
    const d = decideText(
      comment('Die Unterschrift auf dem Nachweis ist nicht meine, das ist Urkundenfälschung!'),
      {
        brand: parcelExpress,
      },
    );
    expect(d.complex).toBe(true);
  });
});

describe('an own case in a language the brand does not serve still goes to a person in private', () => {
  it.each([
    'Quiero que me devuelvan el dinero, el tren llegó tres horas tarde.',
    'Compré un billete para mañana y no lo encuentro en la app.',
    'paketim nerede? 10 gündür bekliyorum',
  ])('%s', (text) => {
    expect(onAlpenbahn(text).complex).toBe(true);
  });
});
