// Where the server's complaint about an insight request shows on the query forms: the field it names
// mapped to the form's own field, anything else above the form.
import type { FieldName, PlaceField } from '../../../components/use-form-submit.ts';
import { purposeField } from './purpose-fields.tsx';

const FIELDS: Record<string, FieldName> = {
  subject: 'subjectValue',
  'subject.idNumber': 'subjectValue',
  'subject.plate': 'subjectValue',
  'subject.mac': 'subjectValue',
  from: 'range',
  to: 'range',
  windowMinutes: 'windowMinutes',
  minMatches: 'minMatches',
};

export const placeQueryField: PlaceField = (field) => purposeField(field) ?? FIELDS[field];
