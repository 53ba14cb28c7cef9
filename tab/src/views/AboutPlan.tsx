// Om planen: what the plan is for and what guides the work, in the plan's own words (1.1 Syfte,
// 1.2 Målbild, 1.7 Vägledande principer, 1.6 Giltighetstid och uppföljning, the five
// strategies), and the corrections of the plan's text the app shows (domain/planCorrections.ts)
// beside what the plan itself wrote. Needs only the plan's content; loaded when opened.
import { Text, Title2, Title3 } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import { CORRECTION_KIND_LABELS, correctionsOf } from '../../../bot/domain/planCorrections';
import type { PlanApiView } from '../api';
import { NARROW } from '../ui';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '60rem' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  target: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': { textAlign: 'left', verticalAlign: 'top', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
    // One correction a block on a phone: the cells stack, each with its column's name.
    [NARROW]: {
      '& thead': { position: 'absolute', left: '-10000px' },
      '& tr, & td': { display: 'block' },
      '& td': { borderBottom: 'none', padding: `${tokens.spacingVerticalXXS} 0` },
      '& tr': { padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
      '& td::before': { content: 'attr(data-label) ": "', fontWeight: tokens.fontWeightSemibold },
    },
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export default function AboutPlan({ plan }: { plan: PlanApiView }) {
  const styles = useStyles();
  const info = plan.plan;
  const corrections = correctionsOf(info.id);
  return (
    <div className={styles.page}>
      <Title2 as="h2">Om planen</Title2>
      <Text>{info.name}</Text>

      <section className={styles.section} aria-labelledby="om-malbild">
        <Title3 as="h3" id="om-malbild">Målbild</Title3>
        <Text className={styles.target}>{info.targetPicture}</Text>
      </section>

      <section className={styles.section} aria-labelledby="om-syfte">
        <Title3 as="h3" id="om-syfte">Syfte</Title3>
        <Text>{info.purpose}</Text>
      </section>

      <section className={styles.section} aria-labelledby="om-principer">
        <Title3 as="h3" id="om-principer">Vägledande principer</Title3>
        <Text>I arbetet med strategierna är de här principerna vägledande, utifrån ett invånar- och medarbetarperspektiv (planens avsnitt 1.7):</Text>
        <ol className={styles.list} data-principles="">
          {info.principles.map((p) => (
            <li key={p}>
              <Text>{p}</Text>
            </li>
          ))}
        </ol>
      </section>

      <section className={styles.section} aria-labelledby="om-strategier">
        <Title3 as="h3" id="om-strategier">Strategier</Title3>
        <ol className={styles.list}>
          {plan.strategies.map((s) => (
            <li key={s.id}>
              <Text>{s.title}</Text>
            </li>
          ))}
        </ol>
      </section>

      <section className={styles.section} aria-labelledby="om-giltighet">
        <Title3 as="h3" id="om-giltighet">Giltighetstid och uppföljning</Title3>
        <Text>{info.validityText}</Text>
      </section>

      {corrections.length > 0 && (
        <section className={styles.section} aria-labelledby="om-rattelser">
          <Title3 as="h3" id="om-rattelser">Rättelser av planens text</Title3>
          <Text className={styles.muted}>
            Där planen har en uppenbar skrivmiss visar appen texten rättad. Ordval och formuleringar står som planen skriver dem.
          </Text>
          <table className={styles.table} data-corrections="">
            <thead>
              <tr>
                <th scope="col">Planens text</th>
                <th scope="col">Visas som</th>
                <th scope="col">Slag</th>
              </tr>
            </thead>
            <tbody>
              {corrections.map((c) => (
                <tr key={`${c.id} ${c.field}`}>
                  <td data-label="Planens text">{c.asWritten}</td>
                  <td data-label="Visas som">{c.corrected}</td>
                  <td data-label="Slag">{c.kinds.map((k) => CORRECTION_KIND_LABELS[k]).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
