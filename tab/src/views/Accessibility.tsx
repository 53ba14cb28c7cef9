// Tillgänglighetsredogörelse: the accessibility statement the law on accessibility of digital
// public services (DOS-lagen, 2018:1937) requires, with the parts Digg asks for: the public body
// and the service, the level of compliance, the content that is not accessible and why, how it
// was assessed and when, how to report a problem, and the supervisory authority (Digg).
// Loaded only when opened. Update ASSESSED and the known shortcomings with every assessment.
// The contact address comes from configuration (ACCESSIBILITY_CONTACT, GET /api/tab-settings).
import { useEffect, useState } from 'react';
import { Text, Title2, Title3 } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import type { PublicTabSettings } from '../../../bot/api/tabConfig';
import { useLayout } from '../ui';

const ASSESSED = '25 november 2026';
const UPDATED = '25 november 2026';

// A plain link: Fluent's Link would join the first load (esbuild puts every component the
// react-components barrel hands out in the chunk the first view shares).
const useStyles = makeStyles({ link: { color: tokens.colorBrandForegroundLink } });

type Contact = PublicTabSettings['accessibilityContact'];

/** The public settings need no sign-in (here, not in api.ts: only this lazy view reads them). */
async function fetchContact(): Promise<Contact> {
  const res = await fetch('/api/tab-settings');
  if (!res.ok) throw new Error(`tab-settings ${res.status}`);
  return ((await res.json()) as PublicTabSettings).accessibilityContact;
}

/** How to reach us: the configured address, or plainly that none is configured (and the way that always works). */
function ContactLine({ contact, failed, link }: { contact: Contact | undefined; failed: boolean; link: string }) {
  if (failed) return <>Kontaktadressen kunde inte hämtas just nu; ladda om fliken för att se den.</>;
  if (contact === undefined) return <>Hämtar kontaktadressen …</>;
  if (contact === null) return <>Ingen e-postadress eller webbsida för att rapportera brister är angiven ännu.</>;
  return contact.kind === 'email' ? (
    <>
      Skicka e-post till <a className={link} href={`mailto:${contact.address}`} data-contact="">{contact.address}</a>.
    </>
  ) : (
    <>
      Använd{' '}
      <a className={link} href={contact.address} target="_blank" rel="noopener noreferrer" data-contact="">
        regionens kontaktsida för tillgänglighet (öppnas i nytt fönster)
      </a>
      .
    </>
  );
}

export default function Accessibility() {
  const ui = useLayout();
  const styles = useStyles();
  const [contact, setContact] = useState<Contact>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetchContact().then(setContact, () => setFailed(true));
  }, []);
  return (
    <section className={ui.view} aria-labelledby="tillganglighet-rubrik">
      <Title2 as="h2" id="tillganglighet-rubrik">Tillgänglighetsredogörelse</Title2>
      <Text as="p">
        Region Jämtland Härjedalen står bakom appen Gemensam plan i Microsoft Teams, som regionen och de åtta kommunerna i länet använder för att följa upp
        Gemensam plan för primärvårdsnivå. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur fliken Planen och kanalflikarna
        uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka kända brister som finns och hur du kan rapportera brister till oss
        så att vi kan åtgärda dem.
      </Text>

      <div className={ui.section}>
        <Title3 as="h3">Hur tillgänglig är tjänsten?</Title3>
        <Text as="p">
          Fliken går att använda med enbart tangentbord, i Teams ljusa, mörka och högkontrastläge och på smala skärmar ner till 320 pixlar
          (Teams mobilapp). Vi vet att delar av tjänsten inte är helt tillgängliga; se listan över brister nedan.
        </Text>
      </div>

      <div className={ui.section}>
        <Title3 as="h3">Vad kan du göra om du inte kan använda delar av tjänsten?</Title3>
        <Text as="p">
          Status, aktiviteter och effektmått finns också i appens chattbot i Teams (skriv till exempel <i>status</i>, <i>aktiviteter</i> eller <i>mått</i>),
          och handlingsplanen kan laddas ner som Excel-fil med knappen Exportera till Excel. Behöver du innehållet i ett annat format kan du kontakta planens projektledare.
        </Text>
      </div>

      <div className={ui.section}>
        <Title3 as="h3">Rapportera brister i tjänstens tillgänglighet</Title3>
        <Text as="p">
          Vi strävar hela tiden efter att förbättra tjänstens tillgänglighet. Om du upptäcker problem som inte finns beskrivna här, eller om du anser att vi inte
          uppfyller lagens krav, meddela oss. Beskriv vad som inte fungerar och var i fliken det är.
        </Text>
        <Text as="p" data-contact-line="">
          <ContactLine contact={contact} failed={failed} link={styles.link} />
        </Text>
        <Text as="p">
          {contact ? 'Du kan också skriva' : 'Skriv'} till planens två projektledare (en i regionen, en för kommunerna) i kanalen för länsgemensam samverkan i planens team.
        </Text>
      </div>

      <div className={ui.section}>
        <Title3 as="h3">Tillsyn</Title3>
        <Text as="p">
          Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd
          med hur vi hanterar dina synpunkter kan du{' '}
          <a className={styles.link} href="https://www.digg.se/tdosanmalan" target="_blank" rel="noopener noreferrer">
            anmäla bristande tillgänglighet till Digg (öppnas i nytt fönster)
          </a>
          .
        </Text>
      </div>

      <div className={ui.section}>
        <Title3 as="h3">Teknisk information om tjänstens tillgänglighet</Title3>
        <Text as="p">Tjänsten är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.</Text>
        <Title3 as="h4">Innehåll som inte är tillgängligt</Title3>
        <ul>
          <li>
            Diagrammen under Effektmått är bilder ritade på en canvas. Värdena finns i tabellen under varje diagram, men diagrammet självt kan inte läsas av en
            skärmläsare (WCAG 1.1.1).
          </li>
          <li>
            Staplarna under Översikt skiljer statusarna åt med färg. Samma siffror står i text under varje stapel (WCAG 1.4.1 uppfylls genom texten).
          </li>
          <li>
            Årsrapporten är gjord för utskrift (skriv ut eller spara som PDF i webbläsaren). En PDF som sparas så får ingen dokumentstruktur för
            skärmläsare (taggad PDF); använd vyn i fliken eller Excel-exporten i stället (WCAG 1.3.1).
          </li>
          <li>Fliken har ännu inte testats med skärmläsare (till exempel NVDA, JAWS eller VoiceOver), bara med automatiska kontroller och tangentbord.</li>
          <li>
            Teams egna delar runt fliken (menyer, inloggning, flikraden) ansvarar Microsoft för; de omfattas inte av den här redogörelsen.
          </li>
        </ul>
        <Title3 as="h4">Innehåll som inte omfattas av lagkraven</Title3>
        <Text as="p">Citat ur planen återges som de står i det beslutade dokumentet.</Text>
      </div>

      <div className={ui.section}>
        <Title3 as="h3">Hur vi testat tjänsten</Title3>
        <Text as="p">
          Vi har gjort en självskattning (intern testning) av tjänsten mot WCAG 2.1 nivå AA, som EN 301 549 hänvisar till: automatiska kontroller med axe-core
          av varje vy och dialog i tre teman och två skärmbredder, och en genomgång med enbart tangentbord. Senaste bedömningen gjordes den {ASSESSED}.
        </Text>
        <Text as="p">Redogörelsen uppdaterades senast den {UPDATED}.</Text>
      </div>
    </section>
  );
}
