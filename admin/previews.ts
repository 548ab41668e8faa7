import { Component, createElement as h, Fragment, type ReactNode } from 'react';
import { applicationStatus, describeApplicationStatus } from '../src/lib/applicationStatus.ts';
import { timelineAt } from '../src/lib/timeline.ts';
import { formatCalendarDate, formatMonth } from '../src/lib/zonedTime.ts';
import { type Settings, settingsSchema } from '../src/schemas/settings.ts';
import { plain } from './widgets/withSchemaCheck.ts';

/**
 * Previews of a topic, a program page section and the settings, with the markup of the site's
 * own pages (src/pages) so that the site's stylesheet, loaded into the preview pane, shows them
 * as readers will see them.
 */

/** What Decap gives a preview template (the parts used here). */
export interface PreviewProps {
  entry: { getIn(path: string[]): unknown };
  widgetFor: (name: string) => ReactNode;
  getCollection: (collection: string, slug?: string) => Promise<{ get(key: string): unknown }>;
}

function dataOf(props: PreviewProps): Record<string, unknown> {
  return (plain(props.entry.getIn(['data'])) ?? {}) as Record<string, unknown>;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A preview that also reads the saved settings (theme labels, dates), as the site's build does. */
abstract class WithSettings extends Component<PreviewProps, { settings: Settings | null }> {
  state: { settings: Settings | null } = { settings: null };
  mounted = false;

  componentDidMount() {
    this.mounted = true;
    this.props
      .getCollection('settings', 'settings')
      .then((entry) => {
        const parsed = settingsSchema.safeParse(plain(entry.get('data')));
        if (this.mounted && parsed.success) this.setState({ settings: parsed.data });
      })
      .catch(() => undefined);
  }

  componentWillUnmount() {
    this.mounted = false;
  }
}

/** The site's page frame around a preview: the same wrapper and main landmark as BaseLayout. */
function page(...children: ReactNode[]) {
  return h('main', { id: 'main', className: 'wrapper' }, ...children);
}

/** The application status panel and the timeline, as the program page shows them today. */
function statusPanel(settings: Settings) {
  const sentence = describeApplicationStatus(applicationStatus(settings, new Date()), settings.timeZone);
  return h('div', { className: 'panel application-status' }, h('p', null, h('strong', null, sentence)));
}

function timelineList(settings: Settings) {
  return h(
    'ol',
    { className: 'timeline' },
    ...timelineAt(settings, new Date()).map(({ phase, start, end, mark }) =>
      h(
        'li',
        { key: phase.id, className: `timeline-phase timeline-${mark}` },
        h('h3', null, phase.title, mark === 'current' ? h('span', { className: 'tag tag-current' }, ' Happening now') : null),
        h('p', { className: 'meta' }, `${formatCalendarDate(start)} to ${formatCalendarDate(end)}`),
        h('p', null, phase.summary),
      ),
    ),
  );
}

/** One monthly topic, as on /topics/<YYYY-MM>-<slug>/. */
export class TopicPreview extends WithSettings {
  render() {
    const data = dataOf(this.props);
    const month = text(data.month);
    const questions = (Array.isArray(data.questions) ? data.questions : []).map(text);
    const resources = (Array.isArray(data.resources) ? data.resources : []) as Array<{ title?: string; url?: string }>;
    const themes = (Array.isArray(data.themes) ? data.themes : []).map(text);
    const themeLabel = (id: string) => this.state.settings?.themes.find((theme) => theme.id === id)?.label ?? id;
    return page(
      h(
        'article',
        { className: 'prose topic' },
        h(
          'p',
          { className: 'meta' },
          /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? formatMonth(month) : month,
          ` · ${text(data.programYear)} program year`,
          data.example ? h('span', { className: 'tag' }, 'Example topic') : null,
          data.draft ? h('span', { className: 'tag' }, 'Kept off the site') : null,
        ),
        h('h1', null, text(data.title)),
        h('p', { className: 'lede' }, text(data.summary)),
        this.props.widgetFor('body'),
        h('h2', null, 'Questions to talk through'),
        h('ol', { className: 'questions' }, ...questions.map((question, index) => h('li', { key: index }, question))),
        resources.length > 0
          ? h(
              Fragment,
              null,
              h('h2', null, 'Further reading'),
              h('ul', null, ...resources.map((resource, index) => h('li', { key: index }, h('a', { href: resource.url }, resource.title)))),
            )
          : null,
        h('p', { className: 'meta' }, `Themes: ${themes.map(themeLabel).join(', ')}`),
      ),
    );
  }
}

/** One section of the program page, with the block it includes built from the saved settings. */
export class ProgramSectionPreview extends WithSettings {
  render() {
    const data = dataOf(this.props);
    const { settings } = this.state;
    const block =
      data.includes === 'application-status'
        ? settings
          ? statusPanel(settings)
          : h('div', { className: 'panel' }, h('p', null, 'The application status appears here.'))
        : data.includes === 'timeline'
          ? settings
            ? timelineList(settings)
            : h('div', { className: 'panel' }, h('p', null, 'The yearly timeline appears here.'))
          : null;
    return page(
      h(
        'div',
        { className: 'prose' },
        data.navLabel ? h('p', { className: 'meta' }, `In “On this page”: ${text(data.navLabel)}`) : null,
        h('section', null, h('h2', null, text(data.title)), this.props.widgetFor('body'), block),
      ),
    );
  }
}

/** The settings as the site will use them: status, timeline, colours; or what stops them. */
export function SettingsPreview(props: PreviewProps) {
  const parsed = settingsSchema.safeParse(dataOf(props));
  if (!parsed.success) {
    return page(
      h(
        'div',
        { className: 'prose' },
        h('h1', null, 'Settings'),
        h(
          'div',
          { className: 'panel' },
          h('h2', null, 'There is a problem'),
          h('ul', null, ...parsed.error.issues.map((issue, index) => h('li', { key: index }, `${issue.path.join(' › ')}: ${issue.message}`))),
        ),
      ),
    );
  }
  const settings = parsed.data;
  const swatch = (background: string, colour: string, buttonText: string, label: string) =>
    h(
      'div',
      { className: 'panel', style: { background, borderLeftColor: colour } },
      h('p', { style: { color: colour, margin: 0 } }, h('strong', null, label)),
      h('p', null, h('span', { className: 'button', style: { background: colour, color: buttonText } }, 'Apply as a mentee')),
    );
  return page(
    h(
      'div',
      { className: 'prose' },
      h('h1', null, settings.organisation.programName),
      statusPanel(settings),
      h('h2', null, 'The program year'),
      timelineList(settings),
      h('h2', null, 'Colours'),
      swatch('#ffffff', settings.colours.accent, '#ffffff', `Links and buttons: ${settings.colours.accent}`),
      swatch('#15181c', settings.colours.accentOnDark, '#15181c', `In dark mode: ${settings.colours.accentOnDark}`),
      h('p', { className: 'meta' }, `Run by the ${settings.organisation.committeeName}. Questions? Write to ${settings.contactEmail}.`),
    ),
  );
}
