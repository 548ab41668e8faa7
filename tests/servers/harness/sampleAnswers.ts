/** Valid answers for each form, as the enhanced form posts them (JSON). */
export function mentorAnswers(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Ada Example',
    email: 'ada@example.org',
    pronouns: 'she/her',
    membership: 'member',
    careerStage: 'mid-career',
    institutionType: 'academic',
    institution: 'Example State University',
    interests: ['e-resources', 'metadata'],
    goals: 'Share what I have learned about licensing and usage statistics with someone new.',
    communication: ['email', 'video'],
    timeZone: 'America/Chicago',
    yearsExperience: '12',
    expertise: ['e-resources', 'acquisitions'],
    capacity: '2',
    agreeCodeOfConduct: 'yes',
    agreeFullYear: 'yes',
    agreeSharing: 'yes',
    ...overrides,
  };
}

export function menteeAnswers(overrides: Record<string, unknown> = {}) {
  const {
    yearsExperience: _years,
    expertise: _expertise,
    capacity: _capacity,
    ...common
  } = mentorAnswers({
    name: 'Grace Sample',
    email: 'grace@example.org',
    careerStage: 'student',
    institutionType: 'lis-school',
    institution: 'Example iSchool',
    interests: ['not-sure'],
    goals: 'Find out which area of technical services suits me and how to get a first job in it.',
  });
  return { ...common, ...overrides };
}

export function evaluationAnswers(overrides: Record<string, unknown> = {}) {
  return { name: 'Ada Example', email: 'ada@example.org', overall: '5', contactFrequency: 'monthly', topicsUseful: 'very', highlights: 'Our calls.', again: 'yes', ...overrides };
}

export function messageAnswers(overrides: Record<string, unknown> = {}) {
  return { name: 'Grace Sample', email: 'grace@example.org', senderRole: 'mentee', reason: 'need-help', message: 'I have not heard from my mentor since October.', ...overrides };
}

/** The same answers as a plain HTML form would post them. */
export function urlencoded(answers: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  return params.toString();
}
