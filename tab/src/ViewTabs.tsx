// The views as tabs, on a screen wide enough for them (TABS_COLLAPSE; below it the drop-down in
// App.tsx). A chunk of its own: Fluent's TabList brings tabster, its arrow-key navigation, about
// 90 kB of script that a phone never shows, so only a wide screen loads it (boot.ts starts it early).
import { Tab, TabList } from '@fluentui/react-tabs';
import { VIEWS, type ViewId } from './deepLink';

export default function ViewTabs({ view, onChoose, className }: { view: ViewId | undefined; onChoose: (v: ViewId) => void; className: string }) {
  return (
    <TabList className={className} selectedValue={view ?? null} onTabSelect={(_e, d) => onChoose(d.value as ViewId)} size="small">
      {VIEWS.map((v) => (
        <Tab key={v.id} value={v.id}>{v.label}</Tab>
      ))}
    </TabList>
  );
}
