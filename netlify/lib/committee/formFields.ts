/** A posted field as text: a single value as sent, anything else (absent, repeated) as ''. */
export const fieldText = (value: unknown): string => (typeof value === 'string' ? value : '');
