import type { TPersonSummary } from '@civgrid/contracts';

interface SummaryRow {
  id: string;
  name: string;
  id_number_mask: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
  phone_mask: string | null;
  household_type: string;
  grid_code: string;
  address: string | null;
  categories: string[];
}

/** A person as lists and dossiers show them: identity and phone only ever masked. */
export function presentPerson(row: SummaryRow): TPersonSummary {
  return {
    id: row.id,
    name: row.name,
    idNumber: row.id_number_mask,
    gender: row.gender,
    birthDate: row.birth_date,
    phone: row.phone_mask,
    householdType: row.household_type as TPersonSummary['householdType'],
    gridCode: row.grid_code,
    address: row.address,
    categories: row.categories,
  };
}
