import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { DataTableComponent, RowActionsDirective } from './data-table.component';

interface Key {
  readonly id: string;
  readonly name: string;
}

@Component({
  imports: [DataTableComponent, RowActionsDirective],
  template: `
    <app-data-table id="keys" [columns]="['Name']" [rowCount]="keys().length" empty="No keys yet.">
      @for (key of keys(); track key.id) {
        <tr>
          <td>{{ key.name }}</td>
          <td appRowActions><button type="button">Revoke</button></td>
        </tr>
      }
    </app-data-table>
    <app-data-table id="members" [columns]="['Name', 'Email']" [rowCount]="0" />
  `,
})
class HostComponent {
  readonly keys = signal<readonly Key[]>([]);
}

describe('DataTableComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let page: HTMLElement;

  beforeEach(async () => {
    fixture = TestBed.createComponent(HostComponent);
    page = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  const headings = (table: string) => Array.from(page.querySelectorAll(`#${table} th`)).map((th) => [th.getAttribute('scope'), th.textContent]);

  it('says the empty sentence instead of a table without rows', () => {
    expect(page.querySelector('#keys table')).toBeNull();
    expect(page.querySelector('#keys')?.textContent?.trim()).toBe('No keys yet.');
  });

  it("puts the owner's rows in its body under column headings, with a hidden heading for the actions", async () => {
    fixture.componentInstance.keys.set([
      { id: '1', name: 'PSA sync' },
      { id: '2', name: 'Backup' },
    ]);
    await fixture.whenStable();
    expect(headings('keys')).toEqual([
      ['col', 'Name'],
      ['col', 'Actions'],
    ]);
    expect(page.querySelector('#keys th .visually-hidden')?.textContent).toBe('Actions');
    const rows = page.querySelectorAll('#keys tbody tr');
    expect(Array.from(rows).map((row) => row.querySelector('td')?.textContent)).toEqual(['PSA sync', 'Backup']);
    expect(rows[0]!.querySelector('td:last-child')?.classList).toContain('row-actions');
    expect(page.querySelector('#keys .table-scroll > table')).not.toBeNull();
  });

  it('shows the headings of an empty table when there is no empty sentence, and no actions column without action cells', () => {
    expect(headings('members')).toEqual([
      ['col', 'Name'],
      ['col', 'Email'],
    ]);
  });
});
