// Användarguide: the Swedish user guide and its printable quick reference, written in
// docs/*.md and built into HTML fragments with the tab (scripts/buildGuide.ts). Loaded only when
// opened; needs nothing of the plan, so it is there also when the plan cannot be loaded.
import { useEffect, useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Text } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import { useLayout } from '../ui';

type Page = 'anvandarguide' | 'snabbguide';

const useStyles = makeStyles({
  article: {
    maxWidth: '60rem',
    lineHeight: tokens.lineHeightBase400,
    overflowWrap: 'break-word',
    '& h2': { margin: `0 0 ${tokens.spacingVerticalM}` },
    '& h3': { margin: `${tokens.spacingVerticalXXL} 0 ${tokens.spacingVerticalS}` },
    '& img': { display: 'block', maxWidth: '100%', height: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, margin: `${tokens.spacingVerticalS} 0` },
    '& a': { color: tokens.colorBrandForegroundLink },
    '& code': { fontFamily: tokens.fontFamilyMonospace, backgroundColor: tokens.colorNeutralBackground3, padding: '0 0.2em', borderRadius: tokens.borderRadiusSmall },
    '& blockquote': { margin: `${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalM, borderLeft: `3px solid ${tokens.colorNeutralStroke1}` },
    '& table': { borderCollapse: 'collapse', width: '100%', margin: `${tokens.spacingVerticalS} 0` },
    '& th, & td': { textAlign: 'left', verticalAlign: 'top', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  },
  tools: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function pageOf(search: string): Page {
  return new URLSearchParams(search).get('sida') === 'snabbguide' ? 'snabbguide' : 'anvandarguide';
}

export default function Guide() {
  const ui = useLayout();
  const styles = useStyles();
  const page = pageOf(window.location.search);
  const [html, setHtml] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    fetch(`dist/guide/${page}.html`)
      .then((res) => (res.ok ? res.text() : Promise.reject(new Error(String(res.status)))))
      .then(setHtml, () => setFailed(true));
  }, [page]);
  // After the text is in place, a link's #anchor (from the contents) scrolls to its heading.
  useEffect(() => {
    if (html && window.location.hash) document.getElementById(decodeURIComponent(window.location.hash.slice(1)))?.scrollIntoView();
  }, [html]);
  return (
    <section className={ui.view} aria-label={page === 'snabbguide' ? 'Snabbguide' : 'Användarguide'}>
      <div className={`${styles.tools} no-print`}>
        {page === 'snabbguide' ? (
          <>
            <Button as="a" href="?view=guide">Hela användarguiden</Button>
            <Button onClick={() => window.print()}>Skriv ut</Button>
          </>
        ) : (
          <Button as="a" href="?view=guide&sida=snabbguide">Snabbguide att skriva ut</Button>
        )}
      </div>
      {failed && <Text as="p">Guiden kunde inte hämtas just nu; ladda om fliken för att försöka igen.</Text>}
      {html === undefined && !failed && <Text as="p">Hämtar guiden …</Text>}
      {/* Our own text, built from docs/*.md by scripts/buildGuide.ts: never anything a user wrote. */}
      {html !== undefined && <article className={styles.article} dangerouslySetInnerHTML={{ __html: html }} />}
    </section>
  );
}
