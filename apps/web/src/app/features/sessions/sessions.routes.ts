import { Routes } from '@angular/router';

import { NewSessionPageComponent } from './pages/new-session-page.component';
import { PilotPageComponent } from './pages/pilot-page.component';
import { SessionPageComponent } from './pages/session-page.component';

export const SESSIONS_ROUTES: Routes = [
  {
    path: '',
    component: PilotPageComponent,
    children: [
      { path: '', component: NewSessionPageComponent },
      { path: ':sessionId', component: SessionPageComponent },
    ],
  },
];
