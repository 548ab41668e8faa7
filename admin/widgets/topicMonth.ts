import { Component, createElement } from 'react';
import { formatMonth } from '../../src/lib/zonedTime.ts';
import { yearMonth } from '../../src/schemas/primitives.ts';
import { type Settings, settingsSchema } from '../../src/schemas/settings.ts';
import { fieldProblem } from '../fieldChecks.ts';
import { type ExistingTopic, suggestTopicMonth, topicMonthProblems } from '../topicMonths.ts';
import { type ControlProps, plain } from './withSchemaCheck.ts';

/** What the month and program-year widgets need to know about the other topics and the settings. */
interface TopicContext {
  settings: Settings | null;
  existing: ExistingTopic[];
}

interface TopicControlProps extends ControlProps {
  forID: string;
  classNameWrapper: string;
  onChange: (value: string) => void;
  setActiveStyle: () => void;
  setInactiveStyle: () => void;
  loadEntry: (collection: string, slug: string) => Promise<{ data?: unknown } | null>;
  query: (
    namespace: string,
    collection: string,
    fields: string[],
    term: string,
    file?: string,
    limit?: number,
  ) => Promise<{ payload?: { hits?: Array<{ path: string; data?: unknown }> } }>;
}

let queries = 0;
let shared: { at: number; context: Promise<TopicContext> } | null = null;

/**
 * Lists the topics in the repository and reads the settings, through Decap's own backend (the
 * local one under `npm start`, GitHub in production). The two widgets of one entry share one
 * load; a later entry loads afresh, so a topic published a moment ago counts.
 */
function loadTopicContext(props: TopicControlProps): Promise<TopicContext> {
  if (shared && Date.now() - shared.at < 3_000) return shared.context;
  // Decap reuses an identical query for 10 s; a distinct (and harmless) limit asks again.
  queries += 1;
  const context = Promise.all([props.loadEntry('settings', 'settings').catch(() => null), props.query(props.forID, 'topics', ['month'], '', undefined, 100_000 + queries)])
    .then(([settingsEntry, result]) => {
      const settings = settingsSchema.safeParse(plain(settingsEntry?.data));
      const existing = (result.payload?.hits ?? []).map((hit) => {
        const data = (plain(hit.data) ?? {}) as Record<string, unknown>;
        return { path: hit.path, month: String(data.month ?? ''), programYear: String(data.programYear ?? '') };
      });
      return { settings: settings.success ? settings.data : null, existing };
    })
    .catch(() => ({ settings: null, existing: [] })); // the build still checks what cannot be checked here
  shared = { at: Date.now(), context };
  return context;
}

function entryInfo(props: ControlProps): { path: string | null; isNew: boolean; month: string; programYear: string } {
  const entry = props.getEntry?.() as { get(key: string): unknown; getIn(path: string[]): unknown } | undefined;
  const path = entry?.get('path');
  return {
    path: entry?.get('newRecord') || typeof path !== 'string' || path === '' ? null : path,
    isNew: Boolean(entry?.get('newRecord')),
    month: String(entry?.getIn(['data', 'month']) ?? ''),
    programYear: String(entry?.getIn(['data', 'programYear']) ?? ''),
  };
}

function failsPattern(props: ControlProps, value: string): boolean {
  const pattern = props.field.get('pattern') as { get(index: number): string } | undefined;
  return Boolean(pattern && value !== '' && !new RegExp(pattern.get(0)).test(value));
}

const noteStyle = { margin: '6px 0 0', fontSize: '13px', color: '#5d626f' };

/** A one-line text input in Decap's style with a note under it. */
function textInput(props: TopicControlProps, value: string, placeholder: string, note: string) {
  return createElement(
    'div',
    null,
    createElement('input', {
      id: props.forID,
      type: 'text',
      className: props.classNameWrapper,
      value,
      placeholder,
      inputMode: 'numeric',
      autoComplete: 'off',
      'aria-describedby': note ? `${props.forID}-note` : undefined,
      onChange: (event: { target: { value: string } }) => props.onChange(event.target.value.trim()),
      onFocus: props.setActiveStyle,
      onBlur: props.setInactiveStyle,
    }),
    note ? createElement('p', { id: `${props.forID}-note`, style: noteStyle, 'aria-live': 'polite' }, note) : null,
  );
}

/**
 * The month of a topic. A new topic starts with the next month that has no topic; the month is
 * refused when it is not a YYYY-MM month, when another topic already has it, or when it is not a
 * mentoring month of the topic's program year (the same checks the build makes).
 */
export class TopicMonthControl extends Component<TopicControlProps, { context: TopicContext | null }> {
  state: { context: TopicContext | null } = { context: null };
  mounted = false;

  componentDidMount() {
    this.mounted = true;
    void loadTopicContext(this.props).then((context) => {
      if (!this.mounted) return;
      this.setState({ context });
      const { isNew } = entryInfo(this.props);
      if (isNew && !plain(this.props.value) && context.settings) {
        const suggestion = suggestTopicMonth(context.settings, context.existing, new Date());
        if (suggestion) this.props.onChange(suggestion.month);
      }
    });
  }

  componentWillUnmount() {
    this.mounted = false;
  }

  isValid = () => {
    const value = String(plain(this.props.value) ?? '');
    if (value === '' || failsPattern(this.props, value)) return { error: false };
    const { context } = this.state;
    if (!context) return { error: { type: 'CUSTOM', parentIds: this.props.parentIds, message: 'Still checking which months already have a topic: try again in a moment.' } };
    const { path, programYear } = entryInfo(this.props);
    const [problem] = topicMonthProblems({ path, month: value, programYear }, context.settings, context.existing);
    return problem ? { error: { type: 'CUSTOM', parentIds: this.props.parentIds, message: problem } } : { error: false };
  };

  render() {
    const value = String(plain(this.props.value) ?? '');
    const note = yearMonth.safeParse(value).success ? formatMonth(value) : 'Written YYYY-MM, for example 2026-09.';
    return textInput(this.props, value, 'YYYY-MM', this.state.context || value ? note : 'Looking for the next month without a topic…');
  }
}

/** The program year of a topic; a new topic starts with the program year of its suggested month. */
export class TopicProgramYearControl extends Component<TopicControlProps> {
  mounted = false;

  componentDidMount() {
    this.mounted = true;
    const { isNew } = entryInfo(this.props);
    if (!isNew || plain(this.props.value)) return;
    void loadTopicContext(this.props).then((context) => {
      if (!this.mounted || plain(this.props.value) || !context.settings) return;
      const suggestion = suggestTopicMonth(context.settings, context.existing, new Date());
      if (suggestion) this.props.onChange(suggestion.programYear);
    });
  }

  componentWillUnmount() {
    this.mounted = false;
  }

  isValid = () => {
    const value = String(plain(this.props.value) ?? '');
    if (value === '' || failsPattern(this.props, value)) return { error: false };
    const message = fieldProblem('topics:programYear', value);
    return message ? { error: { type: 'CUSTOM', parentIds: this.props.parentIds, message } } : { error: false };
  };

  render() {
    return textInput(this.props, String(plain(this.props.value) ?? ''), 'YYYY-YYYY', '');
  }
}

/** How either value shows in Decap's default preview. */
export function TopicValuePreview(props: { value?: unknown }) {
  return createElement('p', null, String(props.value ?? ''));
}
