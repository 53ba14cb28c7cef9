/// <reference lib="dom" />
// Renders Adaptive Cards with the official SDK (the `adaptivecards` package) in headless Chromium,
// with host configs close to Teams' light and dark themes, and saves PNGs under test-results/.
// The one card renderer of the tests: every card screenshot goes through CardCamera.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';

const SDK = path.join(__dirname, '..', '..', 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-results', 'cards');
/** About the width of a card in a Teams channel on a laptop. */
export const CARD_WIDTH = 560;

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** What one render drew: its height, its file, how many elements, and the types of its inputs. */
export interface Shot {
  height: number;
  file: string;
  elements: number;
  inputTypes: string[];
}

function hostConfig(theme: Theme) {
  const dark = theme === 'dark';
  const color = (d: string, s: string) => ({ default: d, subtle: s });
  const foreground = {
    default: color(dark ? '#FFFFFF' : '#242424', dark ? '#ADADAD' : '#616161'),
    dark: color('#242424', '#616161'),
    light: color('#FFFFFF', '#ADADAD'),
    accent: color(dark ? '#7F85F5' : '#5B5FC7', dark ? '#7F85F5' : '#5B5FC7'),
    good: color(dark ? '#92C353' : '#237B4B', dark ? '#92C353' : '#237B4B'),
    warning: color(dark ? '#F8D22A' : '#835C00', dark ? '#F8D22A' : '#835C00'),
    attention: color(dark ? '#F9526B' : '#C4314B', dark ? '#F9526B' : '#C4314B'),
  };
  const style = (background: string) => ({ backgroundColor: background, foregroundColors: foreground });
  return {
    fontFamily: '"Segoe UI", system-ui, -apple-system, sans-serif',
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: dark ? '#3D3D3D' : '#E0E0E0' },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
    containerStyles: {
      default: style(dark ? '#292929' : '#FFFFFF'),
      emphasis: style(dark ? '#1F1F1F' : '#F5F5F5'),
      accent: style(dark ? '#2F2F4A' : '#E8EBFA'),
      good: style(dark ? '#0D2E0D' : '#E7F2DA'),
      attention: style(dark ? '#3E1F25' : '#FCF4F6'),
      warning: style(dark ? '#463100' : '#FBF6D9'),
    },
    actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline', inlineTopMargin: 8 }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
    inputs: { label: { requiredInputs: { weight: 'bolder' }, optionalInputs: { weight: 'bolder' } } },
    supportsInteractivity: true,
  };
}

export class CardCamera {
  private browser?: Browser;
  private page?: Page;
  private errors: string[] = [];

  /** `dir`: where the PNGs go (the user guide's pictures go to docs/bilder/). */
  constructor(private readonly dir: string = SCREENSHOT_DIR) {}

  async start(): Promise<this> {
    this.browser = await launchChromium();
    this.page = await this.browser.newPage({ viewport: { width: CARD_WIDTH + 40, height: 900 }, locale: 'sv-SE' });
    this.page.on('pageerror', (e) => this.errors.push(e.message));
    await this.page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;padding:20px"></body></html>');
    await this.page.addScriptTag({ path: SDK });
    fs.mkdirSync(this.dir, { recursive: true });
    return this;
  }

  /** Errors the page threw since the last call (a card the SDK could not render throws). */
  takeErrors(): string[] {
    return this.errors.splice(0);
  }

  /** Renders the card `width` px wide, saves <dir>/<name>-<theme>.png (or `fileName`), and says what it drew. */
  async shoot(name: string, card: unknown, theme: Theme, fileName = `${name}-${theme}.png`, width: number = CARD_WIDTH): Promise<Shot> {
    const page = this.page!;
    const config = hostConfig(theme);
    const drawn = await page.evaluate(
      ({ card, config, width, dark }) => {
        const AC = (window as unknown as { AdaptiveCards: any }).AdaptiveCards; // eslint-disable-line @typescript-eslint/no-explicit-any
        document.body.innerHTML = '';
        document.body.style.background = dark ? '#1F1F1F' : '#F5F5F5';
        const host = document.createElement('div');
        host.id = 'card';
        host.style.width = `${width}px`;
        host.style.borderRadius = '4px';
        host.style.overflow = 'hidden';
        document.body.appendChild(host);
        // Teams renders the cards' Markdown: escapes (\\[ → [) and **bold**, as a small processor here.
        AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml: string; didProcess: boolean }) => {
          const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/\\([\\`*_{}\[\]()#+\-.!>|~])/g, '$1');
          result.outputHtml = html;
          result.didProcess = true;
        };
        const adaptive = new AC.AdaptiveCard();
        adaptive.hostConfig = new AC.HostConfig(config);
        adaptive.parse(card);
        const element = adaptive.render();
        host.appendChild(element);
        return { height: host.getBoundingClientRect().height, elements: element.querySelectorAll('*').length, inputTypes: [...element.querySelectorAll('input')].map((i) => i.type) };
      },
      { card, config, width, dark: theme === 'dark' },
    );
    const file = path.join(this.dir, fileName);
    await page.setViewportSize({ width: width + 40, height: Math.ceil(drawn.height) + 40 });
    await page.locator('#card').screenshot({ path: file });
    return { ...drawn, file };
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }
}

/**
 * Inside a describe: one test per card that renders it in light and dark, saves both under
 * test-results/cards/, and fails if the renderer drew nothing or threw; `check` adds a card's own
 * assertions on what was drawn.
 */
export function rendersEveryCard(cards: Record<string, () => unknown>, check?: (name: string, shot: Shot) => void): void {
  let camera: CardCamera;
  before(async () => {
    camera = await new CardCamera().start();
  });
  after(async () => camera?.stop());
  for (const [name, build] of Object.entries(cards)) {
    it(`renders ${name} in light and dark`, async () => {
      const card = build();
      for (const theme of THEMES) {
        const shot = await camera.shoot(name, card, theme);
        if (shot.elements <= 5) throw new Error(`${name} (${theme}): the renderer drew nothing`);
        check?.(name, shot);
      }
      const errors = camera.takeErrors();
      if (errors.length) throw new Error(`${name}: the renderer threw: ${errors.join(' | ')}`);
    });
  }
}
