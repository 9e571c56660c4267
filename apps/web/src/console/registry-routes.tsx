// The registers' routes (实有信息). Every page loads on first visit; each list and dossier is its own
// chunk, and the import wizard brings the spreadsheet readers only when it is opened.
import type { Action } from '@civgrid/domain';
import { type ComponentType, lazy } from 'react';
import { Route } from 'react-router';
import { REGISTER_KINDS, type RegisterKind } from './pages/registry/shared/registers.ts';
import { RequirePermission } from './session/require-permission.tsx';

function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

const LISTS: Record<RegisterKind, ComponentType> = {
  persons: page(
    () => import('./pages/registry/lists/persons-list-page.tsx'),
    (m) => m.PersonsListPage,
  ),
  houses: page(
    () => import('./pages/registry/lists/houses-list-page.tsx'),
    (m) => m.HousesListPage,
  ),
  buildings: page(
    () => import('./pages/registry/lists/buildings-list-page.tsx'),
    (m) => m.BuildingsListPage,
  ),
  vehicles: page(
    () => import('./pages/registry/lists/vehicles-list-page.tsx'),
    (m) => m.VehiclesListPage,
  ),
  devices: page(
    () => import('./pages/registry/lists/devices-list-page.tsx'),
    (m) => m.DevicesListPage,
  ),
  organisations: page(
    () => import('./pages/registry/lists/organisations-list-page.tsx'),
    (m) => m.OrganisationsListPage,
  ),
};

const DOSSIERS: Record<RegisterKind, ComponentType> = {
  persons: page(
    () => import('./pages/registry/person/person-dossier-page.tsx'),
    (m) => m.PersonDossierPage,
  ),
  houses: page(
    () => import('./pages/registry/dossiers/house-dossier-page.tsx'),
    (m) => m.HouseDossierPage,
  ),
  buildings: page(
    () => import('./pages/registry/dossiers/building-dossier-page.tsx'),
    (m) => m.BuildingDossierPage,
  ),
  vehicles: page(
    () => import('./pages/registry/dossiers/vehicle-dossier-page.tsx'),
    (m) => m.VehicleDossierPage,
  ),
  devices: page(
    () => import('./pages/registry/dossiers/device-dossier-page.tsx'),
    (m) => m.DeviceDossierPage,
  ),
  organisations: page(
    () => import('./pages/registry/dossiers/organisation-dossier-page.tsx'),
    (m) => m.OrganisationDossierPage,
  ),
};

const ImportPage = page(
  () => import('./pages/registry/import/import-page.tsx'),
  (m) => m.ImportPage,
);
const LabelsPage = page(
  () => import('./pages/registry/labels/labels-page.tsx'),
  (m) => m.LabelsPage,
);
const LabelResolverPage = page(
  () => import('./pages/registry/labels/label-resolver-page.tsx'),
  (m) => m.LabelResolverPage,
);
const CategoriesPage = page(
  () => import('./pages/registry/categories/categories-page.tsx'),
  (m) => m.CategoriesPage,
);

function guarded(path: string, action: Action, Page: ComponentType) {
  return (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission action={action}>
          <Page />
        </RequirePermission>
      }
    />
  );
}

/** The registry's <Route>s, to be placed inside the console layout's route. */
export function registryRoutes() {
  return [
    ...REGISTER_KINDS.flatMap((kind) => [
      guarded(`/registry/${kind}`, 'person.read', LISTS[kind]),
      guarded(`/registry/${kind}/:id`, 'person.read', DOSSIERS[kind]),
    ]),
    guarded('/registry/import', 'registry.import', ImportPage),
    guarded('/registry/labels', 'person.read', LabelsPage),
    guarded('/registry/label/:token', 'person.read', LabelResolverPage),
    guarded('/registry/categories', 'category.manage', CategoriesPage),
  ];
}
