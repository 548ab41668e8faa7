/**
 * The browser's checks of one answer, as a pure function of what the page carries for the
 * field (its data attributes and the control's length limits, all generated from the schema by
 * renderForm) and the answer. The enhancement script calls it for each field; a unit test calls
 * it on the rendered HTML of every field of every form and compares its words with the
 * server's for the same answer, so the browser and the server cannot say different things.
 */

/** What the page says about a field: the group's data-* attributes (as `dataset` names them) and the control's limits. */
export interface FieldAttributes {
  widget?: string | undefined;
  /** Present (any value) when the field must be answered. */
  required?: string | undefined;
  /** Another field and its values, "interests=other", that make this one required. */
  requiredWhen?: string | undefined;
  pattern?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  msgRequired?: string | undefined;
  msgMinlength?: string | undefined;
  msgMaxlength?: string | undefined;
  msgFormat?: string | undefined;
  msgInteger?: string | undefined;
  msgTooSmall?: string | undefined;
  msgTooLarge?: string | undefined;
  /** The control's minlength and maxlength (0 or absent: none). */
  minLength?: number | undefined;
  maxLength?: number | undefined;
}

/** The value of another field, for `requiredWhen`. */
export type OtherValue = (field: string) => string | string[];

/** The first problem with an answer, in the schema's words, or '' when the browser sees none. */
export function clientMessage(field: FieldAttributes, value: string | string[], otherValue: OtherValue = () => ''): string {
  const empty = Array.isArray(value) ? value.length === 0 : value.trim() === '';
  if (empty) {
    if (field.required !== undefined) return field.msgRequired ?? '';
    if (field.requiredWhen) {
      const [other = '', wanted = ''] = field.requiredWhen.split('=');
      const current = otherValue(other);
      const values = wanted.split(',');
      if ((Array.isArray(current) ? current : [current]).some((item) => values.includes(item))) return field.msgRequired ?? '';
    }
    return '';
  }
  if (Array.isArray(value)) return '';
  const text = value.trim();
  if (field.minLength && text.length < field.minLength && field.msgMinlength) return field.msgMinlength;
  if (field.maxLength && field.maxLength > 0 && text.length > field.maxLength && field.msgMaxlength) return field.msgMaxlength;
  if (field.widget === 'email' && field.pattern && !new RegExp(field.pattern).test(text)) return field.msgFormat ?? '';
  if (field.widget === 'number') {
    // The same reading as the server's: text that is not a number, then whole numbers, then the range.
    if (!/^-?\d+(\.\d+)?$/.test(text)) return field.msgFormat ?? '';
    const number = Number(text);
    if (!Number.isInteger(number) && field.msgInteger) return field.msgInteger;
    if (field.min && number < Number(field.min)) return field.msgTooSmall ?? '';
    if (field.max && number > Number(field.max)) return field.msgTooLarge ?? '';
  }
  return '';
}
