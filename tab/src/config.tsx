// Configuration page of the channel tab: the person picks the arena the tab opens filtered to.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Field } from '@fluentui/react-field';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { FluentProvider } from '@fluentui/react-provider';
import { Select } from '@fluentui/react-select';
import { Text, Title2 } from '@fluentui/react-text';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-theme';
import { chooseMeetingArena, fetchPlan, type PlanApiView } from './api';
import { Loading } from './ui';
import { notifyLoaded, registerConfigSave, setConfigValid, startHost, type HostContext } from './auth';

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

function ConfigPage({ host }: { host: HostContext }) {
  const [plan, setPlan] = useState<PlanApiView>();
  const [problem, setProblem] = useState<string>();
  const [arena, setArena] = useState(host.entityId ?? '');

  useEffect(() => {
    fetchPlan()
      .then((p) => {
        setPlan(p);
        notifyLoaded();
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
  }, []);

  // Registered again whenever the choice changes, so Teams' Spara always saves the current one.
  useEffect(() => {
    const chosen = plan?.arenas.find((x) => x.id === arena);
    setConfigValid(Boolean(chosen));
    // In a meeting the choice is also the meeting's: its side panel and stage show that arena's brief.
    const meetingId = host.meetingId;
    registerConfigSave(() => (chosen ? { arenaId: chosen.id, arenaName: chosen.name } : undefined), meetingId ? (arenaId) => chooseMeetingArena(meetingId, arenaId) : undefined);
  }, [arena, plan, host.meetingId]);

  return (
    <FluentProvider theme={THEMES[host.theme]} style={{ padding: 16 }} lang="sv">
      <main>
        {host.meetingId ? (
          <>
            <Title2 as="h1">Gemensam plan i mötet</Title2>
            <Text as="p">Välj vilken arena mötet är för. Sidopanelen visar då arenans mötesunderlag, och det kan delas på mötesskärmen.</Text>
          </>
        ) : (
          <>
            <Title2 as="h1">Gemensam plan i den här kanalen</Title2>
            <Text as="p">Välj vilken arena kanalen hör till. Fliken öppnas då med arenans aktiviteter.</Text>
          </>
        )}
        {!host.inTeams && (
          <MessageBar intent="warning">
            <MessageBarBody>Utvecklingsläge – inte inloggad via Teams</MessageBarBody>
          </MessageBar>
        )}
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        {!plan && !problem && <Loading label="Laddar arenorna …" />}
        {plan && (
          <Field label="Arena">
            <Select value={arena} onChange={(_e, d) => setArena(d.value)}>
              <option value="">Välj arena</option>
              {plan.arenas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </Select>
          </Field>
        )}
      </main>
    </FluentProvider>
  );
}

void startHost().then((host) => createRoot(document.getElementById('root')!).render(<ConfigPage host={host} />));
