import { Component, type ComponentType, createElement } from 'react';
import { fieldProblem } from '../fieldChecks.ts';

/** The props Decap gives every widget control that this wrapper reads. */
export interface ControlProps {
  field: { get(key: string, fallback?: unknown): unknown; has(key: string): boolean };
  value: unknown;
  getEntry?: () => { getIn(path: string[]): unknown } | undefined;
  parentIds?: string[];
  [prop: string]: unknown;
}

interface InnerControl {
  isValid?: () => unknown;
  focus?: (path?: unknown) => void;
  getValidateValue?: () => unknown;
}

/** Immutable values (lists, maps) as plain ones, for the zod schemas. */
export function plain(value: unknown): unknown {
  return value && typeof value === 'object' && 'toJS' in value && typeof value.toJS === 'function' ? value.toJS() : value;
}

/** The entry being edited, as plain data (Decap keeps it in its store as an Immutable map). */
export function entryData(props: ControlProps): unknown {
  return plain(props.getEntry?.()?.getIn(['data']));
}

/**
 * Wraps one of Decap's own widget controls so that saving checks the field with the content
 * schemas (`schema_path` in the field's configuration, see admin/schemaFields.ts): the field's
 * own rule and the rules across fields that name it, each with the schema's message. Fields
 * without a `schema_path` behave exactly like Decap's widget.
 */
export function withSchemaCheck(Inner: ComponentType<ControlProps>): ComponentType<ControlProps> {
  return class SchemaCheckedControl extends Component<ControlProps> {
    static displayName = `SchemaChecked(${Inner.displayName ?? Inner.name ?? 'Control'})`;

    inner: InnerControl | null = null;

    isValid = () => {
      const own = this.inner?.isValid?.();
      // Decap's own checks first (list sizes, relation choices); a pending check is passed on as is.
      if (own === false || own instanceof Promise || (own && typeof own === 'object' && (own as { error?: unknown }).error)) return own;
      const schemaPath = this.props.field.get('schema_path');
      if (typeof schemaPath !== 'string') return { error: false };
      const value = plain(this.props.value);
      // A value that fails the field's pattern is already reported by Decap, with the same words.
      const pattern = this.props.field.get('pattern') as { get(index: number): string } | undefined;
      if (pattern && typeof value === 'string' && value !== '' && !new RegExp(pattern.get(0)).test(value)) return { error: false };
      const message = fieldProblem(schemaPath, value, entryData(this.props));
      return message ? { error: { type: 'CUSTOM', parentIds: this.props.parentIds, message } } : { error: false };
    };

    focus(path?: unknown) {
      if (this.inner?.focus) this.inner.focus(path);
      else document.getElementById(String(this.props.forID))?.focus();
    }

    getValidateValue() {
      return this.inner?.getValidateValue?.();
    }

    render() {
      return createElement(Inner, {
        ...this.props,
        ref: (instance: InnerControl | null) => {
          this.inner = instance;
        },
      } as ControlProps);
    }
  };
}
