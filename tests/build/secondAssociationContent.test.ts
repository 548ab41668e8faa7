import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applicationForms } from '../../src/forms/formDefinitions.ts';
import { programMonths } from '../../src/lib/programMonths.ts';
import { applicationSchemas } from '../../src/schemas/application.ts';
import { fieldMeta } from '../../src/schemas/formField.ts';
import { settingsSchema } from '../../src/schemas/settings.ts';
import { PROJECT_ROOT, SECOND_ASSOCIATION_DIR, secondAssociationSettings, shippedSettings } from '../support/contentPacks.ts';
import { packFiles } from '../support/contentFiles.ts';

/**
 * The second association's content pack (tests/fixtures/second-association) against the same
 * schemas as the shipped content: it validates, and the application forms built from it ask its
 * own questions about its own areas, not the shipped association's.
 */

const settings = secondAssociationSettings();
const shipped = shippedSettings();

describe('the second association’s content pack', () => {
  it('validates with the settings schema, with no problem at all', () => {
    const raw = parse(readFileSync(join(PROJECT_ROOT, SECOND_ASSOCIATION_DIR, 'settings.yaml'), 'utf8'));
    expect(settingsSchema.safeParse(raw).error?.issues ?? []).toEqual([]);
  });

  it('has program sections and topics that validate, one topic per month, each in its program months', () => {
    const { sections, topics, problems } = packFiles(SECOND_ASSOCIATION_DIR, settings);
    expect(problems).toEqual([]);
    expect(sections.length).toBeGreaterThanOrEqual(5);
    // The application pages link to these sections, and the introduction emails quote the commitments.
    expect(sections.map((section) => section.filePath.split('/').pop())).toEqual(
      expect.arrayContaining(['who-can-apply.md', 'mentor-responsibilities.md', 'mentee-responsibilities.md']),
    );
    expect(sections.filter((section) => section.data.includes === 'application-status')).toHaveLength(1);
    expect(topics.length).toBeGreaterThanOrEqual(3);
    const months = programMonths(settings.programYears.running, settings.program);
    for (const topic of topics) expect(months, topic.filePath).toContain(topic.data.month);
  });

  it('is another association: its own names, field, time zone and program months', () => {
    expect(settings.organisation.name).not.toBe(shipped.organisation.name);
    expect(settings.timeZone).toBe('Australia/Sydney');
    expect(settings.timeZone).not.toBe(shipped.timeZone);
    expect(settings.program).not.toEqual(shipped.program);
    const areaIds = settings.application.areas.choices.map((area) => area.id);
    for (const area of shipped.application.areas.choices) expect(areaIds).not.toContain(area.id);
    expect(settings.application.membership.question).not.toBe(shipped.application.membership.question);
  });

  it('never names the shipped association', () => {
    const { sections, topics } = packFiles(SECOND_ASSOCIATION_DIR, settings);
    const texts = [readFileSync(join(PROJECT_ROOT, SECOND_ASSOCIATION_DIR, 'settings.yaml'), 'utf8'), ...[...sections, ...topics].map((file) => JSON.stringify(file))];
    for (const text of texts) expect(text).not.toMatch(/nasig/i);
  });
});

describe('the application schemas built from the second pack', () => {
  const schemas = applicationSchemas(settings);
  const forms = applicationForms(settings);
  const choiceValues = (role: 'mentor' | 'mentee', field: string) => (fieldMeta(forms[role].schema.shape[field]!).choices ?? []).map((choice) => choice.value);

  it('offer the pack’s areas (then “not sure yet” and “something else”), and only those', () => {
    const areas = settings.application.areas.choices.map((area) => area.id);
    expect(choiceValues('mentee', 'interests')).toEqual([...areas, 'not-sure', 'other']);
    expect(choiceValues('mentor', 'expertise')).toEqual([...areas, 'other']);
    const labels = (fieldMeta(forms.mentee.schema.shape.interests!).choices ?? []).map((choice) => choice.label);
    expect(labels).toEqual(expect.arrayContaining(settings.application.areas.choices.map((area) => area.label)));
  });

  it('ask the pack’s membership question, with its answers and message', () => {
    const meta = fieldMeta(forms.mentee.schema.shape.membership!);
    expect(meta.label).toBe('Are you a member of the Southern Rivers Hydrology Society?');
    expect(meta.label).toBe(settings.application.membership.question);
    expect(meta.hint).toBe(settings.application.membership.hint);
    expect(meta.choices).toEqual([
      { value: 'member', label: settings.application.membership.member },
      { value: 'joining', label: settings.application.membership.joining },
    ]);
    expect(fieldMeta(forms.mentor.schema.shape.agreeCodeOfConduct!).label).toBe(settings.application.codeOfConduct.agreement);
    expect(fieldMeta(forms.mentor.schema.shape.institutionType!).label).toBe(settings.application.institutionType.question);
    expect(fieldMeta(forms.mentor.schema.shape.yearsExperience!).label).toBe(settings.application.experienceQuestion);
  });

  const mentee = {
    name: 'Robin Example',
    email: 'robin@example.org',
    membership: 'joining',
    careerStage: 'graduate',
    institutionType: 'agency',
    institution: 'Example River Authority',
    interests: ['groundwater', 'hydrometry'],
    goals: 'Learn how groundwater models are checked against bore records.',
    communication: ['video'],
    timeZone: 'Australia/Sydney',
    agreeCodeOfConduct: true,
    agreeFullYear: true,
    agreeSharing: true,
  };

  it('accept an application in the pack’s areas, stage and kind of institution', () => {
    expect(schemas.mentee.safeParse(mentee).error?.issues ?? []).toEqual([]);
  });

  it('refuse the shipped association’s areas, career stages and kinds of institution, as the shipped schemas refuse the pack’s', () => {
    const shippedSchemas = applicationSchemas(shipped);
    const shippedMentee = { ...mentee, careerStage: 'early-career', institutionType: 'government', interests: ['cataloging'] };
    expect(shippedSchemas.mentee.safeParse(shippedMentee).error?.issues ?? []).toEqual([]);
    for (const field of ['interests', 'careerStage', 'institutionType'] as const) {
      expect(schemas.mentee.safeParse({ ...mentee, [field]: shippedMentee[field] }).success, `${field}: the shipped value`).toBe(false);
      expect(shippedSchemas.mentee.safeParse({ ...shippedMentee, [field]: mentee[field] }).success, `${field}: the pack's value`).toBe(false);
    }
  });
});
