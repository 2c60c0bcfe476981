import type { TAction } from '@/lib/action/define-action';
import { formatLondon } from '@/lib/time/london';
import type { listManagedUsers } from '@/lib/user/manage-user';
import type { TChangeUser } from '@/lib/user/user-schema';
import { Cell, DataTable, Row, RowHeader } from './table';
import { UserAccessControls } from './user-access-controls';

type Users = Awaited<ReturnType<typeof listManagedUsers>>;

export function ManagedUsersTable({
  users,
  actorId,
  variant,
  change,
  caption,
}: {
  users: Users;
  actorId: string;
  variant: 'council' | 'provider';
  change: TAction<TChangeUser, void>;
  caption: string;
}) {
  return (
    <DataTable caption={caption} columns={['Name', 'Email', 'Two-step', 'Last signed in', 'Access']}>
      {users.map((u) => (
        <Row key={u.id} top testId={`user-${u.email}`}>
          <RowHeader>
            {u.name}
            {u.disabledAt ? ' (disabled)' : ''}
          </RowHeader>
          <Cell>{u.email}</Cell>
          <Cell>{u.mfaEnabled ? 'On' : 'Off'}</Cell>
          <Cell>{u.lastSignInAt ? formatLondon(u.lastSignInAt) : 'Never'}</Cell>
          <Cell>
            <UserAccessControls
              variant={variant}
              change={change}
              self={u.id === actorId}
              user={{ id: u.id, name: u.name, role: u.role, manager: u.providerManager, disabled: Boolean(u.disabledAt), mfaEnabled: u.mfaEnabled }}
            />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}
