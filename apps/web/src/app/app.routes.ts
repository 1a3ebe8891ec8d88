import { Routes } from '@angular/router';

import { AppLayoutComponent } from './core/layout/app-layout/app-layout.component';

const PRODUCT = 'ResolutionFlow';

export const routes: Routes = [
  {
    path: '',
    component: AppLayoutComponent,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: `System status · ${PRODUCT}`,
        loadComponent: () =>
          import('./features/health/components/system-status-page/system-status-page.component').then(
            (m) => m.SystemStatusPageComponent,
          ),
      },
      {
        path: '**',
        title: `Page not found · ${PRODUCT}`,
        loadComponent: () =>
          import('./core/not-found/not-found-page.component').then((m) => m.NotFoundPageComponent),
      },
    ],
  },
];
