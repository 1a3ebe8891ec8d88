export interface NavLink {
  readonly path: string;
  readonly label: string;
  /** Highlight only on this exact URL, not on its children. */
  readonly exact?: boolean;
}

/** Top-bar navigation; a feature adds its line here when its route exists. */
export const NAV_LINKS: readonly NavLink[] = [{ path: '/', label: 'System status', exact: true }];
