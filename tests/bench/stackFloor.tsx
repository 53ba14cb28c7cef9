// The stack alone, for the phone benchmark (tabPhone.ts): React and Fluent UI v9 as the tab loads
// them (FluentProvider with the three themes the tab can show) rendering the first view's kind of
// content, with no app code, no request and no data to wait for: a view select, a heading, the
// "Visa all historik" button and one table row per Bilaga 1 sub-activity (title, status badge,
// "Uppdatera" button). Its time is what React + Fluent UI cost on the throttled CPU before the
// tab's own work; the tab's views are compared with it as well as with the static page.
import { Badge, Button, FluentProvider, Select, teamsHighContrastTheme, Text, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';

// All three themes, chosen by ?theme= (light by default), so that all three are built as the tab builds them.
const themes = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };
const params = new URLSearchParams(window.location.search);
const rows = Array.from({ length: Number(params.get('rows') ?? '100') }, (_, i) => i + 1);

function Floor() {
  return (
    <FluentProvider theme={themes[(params.get('theme') as keyof typeof themes | null) ?? 'light'] ?? webLightTheme}>
      <main>
        <Select aria-label="Vy"><option>Översikt</option><option>Handlingsplan</option></Select>
        <Text as="h1" size={600} weight="semibold">Gemensam plan</Text>
        <div data-progress="floor"><Text>Framsteg per strategi</Text></div>
        <Button size="small">Visa all historik</Button>
        <table>
          <tbody>
            {rows.map((i) => (
              <tr key={i} data-sub={i}>
                <td><Text weight="semibold">Delaktivitet {i}</Text></td>
                <td><Badge appearance="tint">Pågår</Badge></td>
                <td><Button size="small">Uppdatera</Button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Floor />);
