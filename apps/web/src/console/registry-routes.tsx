import type { ComponentType } from 'react';
import { guarded, lazyPage } from './guarded-routes.tsx';
import { REGISTER_KINDS, type RegisterKind } from './pages/registry/shared/registers.ts';

const LISTS: Record<RegisterKind, ComponentType> = {
  persons: lazyPage(
    () => import('./pages/registry/lists/persons-list-page.tsx'),
    (m) => m.PersonsListPage,
  ),
  houses: lazyPage(
    () => import('./pages/registry/lists/houses-list-page.tsx'),
    (m) => m.HousesListPage,
  ),
  buildings: lazyPage(
    () => import('./pages/registry/lists/buildings-list-page.tsx'),
    (m) => m.BuildingsListPage,
  ),
  vehicles: lazyPage(
    () => import('./pages/registry/lists/vehicles-list-page.tsx'),
    (m) => m.VehiclesListPage,
  ),
  devices: lazyPage(
    () => import('./pages/registry/lists/devices-list-page.tsx'),
    (m) => m.DevicesListPage,
  ),
  organisations: lazyPage(
    () => import('./pages/registry/lists/organisations-list-page.tsx'),
    (m) => m.OrganisationsListPage,
  ),
};

const DOSSIERS: Record<RegisterKind, ComponentType> = {
  persons: lazyPage(
    () => import('./pages/registry/person/person-dossier-page.tsx'),
    (m) => m.PersonDossierPage,
  ),
  houses: lazyPage(
    () => import('./pages/registry/dossiers/house-dossier-page.tsx'),
    (m) => m.HouseDossierPage,
  ),
  buildings: lazyPage(
    () => import('./pages/registry/dossiers/building-dossier-page.tsx'),
    (m) => m.BuildingDossierPage,
  ),
  vehicles: lazyPage(
    () => import('./pages/registry/dossiers/vehicle-dossier-page.tsx'),
    (m) => m.VehicleDossierPage,
  ),
  devices: lazyPage(
    () => import('./pages/registry/dossiers/device-dossier-page.tsx'),
    (m) => m.DeviceDossierPage,
  ),
  organisations: lazyPage(
    () => import('./pages/registry/dossiers/organisation-dossier-page.tsx'),
    (m) => m.OrganisationDossierPage,
  ),
};

const ImportPage = lazyPage(
  () => import('./pages/registry/import/import-page.tsx'),
  (m) => m.ImportPage,
);
const LabelsPage = lazyPage(
  () => import('./pages/registry/labels/labels-page.tsx'),
  (m) => m.LabelsPage,
);
const LabelResolverPage = lazyPage(
  () => import('./pages/registry/labels/label-resolver-page.tsx'),
  (m) => m.LabelResolverPage,
);
const CategoriesPage = lazyPage(
  () => import('./pages/registry/categories/categories-page.tsx'),
  (m) => m.CategoriesPage,
);

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
