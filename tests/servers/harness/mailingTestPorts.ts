/**
 * Ports for the mailing services' unit tests: the memory store, the recording mailer, fixed
 * topics and clock, the shipped settings. (Test support, imported only by tests.)
 */
import { readFileSync } from 'node:fs';
import { parseSettings } from '../../../netlify/lib/config/loadSettings.ts';
import { createMemoryRecordsStore, type MemoryRecordsStore } from './memoryRecordsStore.ts';
import { createRecordingMailer, type RecordingMailer } from './mailingRecordingMailer.ts';
import { publishableTopic } from './mailingFixtures.ts';
import type { MailingPorts } from '../../../netlify/lib/mailing/ports.ts';
import { createMemoryTopicsSource } from '../../../netlify/lib/mailing/topics.ts';

export const TEST_SITE = 'https://mentoring.example.org';
export const TEST_SECRET = 'unit-test-signing-secret';
export const settings = parseSettings(readFileSync('content/settings.yaml', 'utf8'));

export interface TestPorts extends MailingPorts {
  records: MemoryRecordsStore;
  mailer: RecordingMailer;
  logs: string[];
  setNow(iso: string): void;
}

export function testPorts(files: Record<string, string> = {}, overrides: Partial<MailingPorts> = {}): TestPorts {
  const logs: string[] = [];
  let now = new Date('2026-10-02T14:00:00Z');
  const ports: TestPorts = {
    records: createMemoryRecordsStore(files),
    mailer: createRecordingMailer(),
    settings,
    topics: createMemoryTopicsSource([publishableTopic('2026-10'), publishableTopic('2027-05')]),
    now: () => now,
    log: (line) => logs.push(line),
    sender: 'NASIG Mentoring <mentoring@nasig.example>',
    committeeEmail: 'committee@nasig.example',
    siteUrl: TEST_SITE,
    signingSecret: TEST_SECRET,
    logs,
    setNow(iso) {
      now = new Date(iso);
    },
    ...(overrides as object),
  } as TestPorts;
  return ports;
}
