import './security.css';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { NewRecoveryKeyForm } from './NewRecoveryKeyForm';
import { RotateKeyForm } from './RotateKeyForm';
import { KeyRound } from 'lucide-react';
import { Icon } from '../../components/Icon';

/**
 * Settings → Passphrase and recovery key: change the passphrase, replace the recovery key, and
 * rotate the vault key. Each asks for the current passphrase, so an unlocked window left
 * unattended is not enough to take the vault over.
 */
export function SecuritySection() {
  return (
    <section className="card settings-section" aria-labelledby="security-title">
      <h2 id="security-title" className="section-title">
        <Icon icon={KeyRound} /> Passphrase and recovery key
      </h2>
      <ChangePassphraseForm />
      <NewRecoveryKeyForm />
      <RotateKeyForm />
    </section>
  );
}
