// The dossier named by the route's `:id`.
import { useParams } from 'react-router';
import { type ApiGetState, useApiGet } from '../../../../lib/use-api-get.ts';
import { type RegisterKind, registerApi } from '../shared/registers.ts';

export function useDossier<T>(kind: RegisterKind): ApiGetState<T> {
  const { id } = useParams();
  return useApiGet<T>(id ? `${registerApi(kind)}/${encodeURIComponent(id)}` : null);
}
