/** Changes an account's scope (its communes, or its carrier); the role stays. */
import { useSetScopes, type UserView } from '../../hooks/users.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { useMessages } from '../../i18n/i18n.tsx';
import { formFromScopes, scopesFromForm, type ScopeFormValues } from './scope-form.ts';
import { ScopeFields } from './ScopeFields.tsx';

export function ScopesDialog({ user, onClose, onSaved }: { user: UserView | null; onClose: () => void; onSaved: (user: UserView) => void }) {
  const m = useMessages();
  const save = useSetScopes();
  const close = () => {
    save.reset();
    onClose();
  };
  return (
    <FormDialog<ScopeFormValues>
      open={user !== null}
      title={user && m.users.scopesOf(user.username)}
      okText={m.users.save}
      initialValues={user ? formFromScopes(user.scopes) : undefined}
      onSubmit={(values) =>
        user &&
        save.mutate(
          { id: user.id, scopes: scopesFromForm(user.role, values) },
          {
            onSuccess: (saved) => {
              save.reset();
              onSaved(saved);
            },
          },
        )
      }
      onCancel={close}
      pending={save.isPending}
      error={save.error}
    >
      {user && <ScopeFields role={user.role} />}
    </FormDialog>
  );
}
