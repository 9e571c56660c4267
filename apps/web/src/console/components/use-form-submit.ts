// One way for a dialog's form to talk to the server: busy while the request runs, and a failure shown
// under the field the server names (in the server's words), or above the form when it names none.
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import { ApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/describe-error.ts';

/** A form field's name: a top-level field, or a path into a nested one. */
export type FieldName = string | (string | number)[];

/** Where the server's `field` shows on this form, or undefined to show the error above the form. */
export type PlaceField = (field: string) => FieldName | undefined;

/** The fields a form shows server errors under by the same name; any other goes above the form. */
export function fieldsNamed(names: readonly string[]): PlaceField {
  return (field) => (names.includes(field) ? field : undefined);
}

export interface FormSubmit {
  isBusy: boolean;
  failure: string | null;
  /** A failure found before anything is sent (a rule only the client knows). */
  setFailure: (failure: string | null) => void;
  /** Runs the request; its error is placed on the form, so `work` only handles success. */
  run: (work: () => Promise<void>) => Promise<void>;
}

// FormInstance without a type argument: the hook only sets errors by name, whatever the values' type.
export function useFormSubmit(form: FormInstance, placeField: PlaceField = () => undefined): FormSubmit {
  const t = useT();
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      const name = error instanceof ApiError && error.field ? placeField(error.field) : undefined;
      if (name !== undefined) {
        form.setFields([{ name, errors: [(error as ApiError).message] }]);
      } else {
        setFailure(describeError(error, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return { isBusy, failure, setFailure, run };
}
