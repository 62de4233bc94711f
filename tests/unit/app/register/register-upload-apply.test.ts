// Applying a previewed register upload when another change lands between the check and the save:
// the upload is applied onto the version it was previewed against or not at all.

import { applyRegisterUpload, previewRegisterUpload } from '../../../../bot/app/register/register-upload';
import { actor, appFixture, register } from '../../../support/app-fixture';

const sara = actor('samordnare@kalmar.se');

describe('applying an uploaded register', () => {
  it("does not put the file over a plan change saved after the version was checked, and previews again", async () => {
    const f = await appFixture();
    const file = { ...register, plans: [...register.plans, { id: 'ny', title: 'Ny plan', officer: 'anna@kalmar.se' }] };
    const previewed = await previewRegisterUpload(f.deps, sara, { fileName: 'register.json', read: async () => Buffer.from(JSON.stringify(file)) });
    if (previewed.kind !== 'preview') throw new Error(previewed.kind);
    expect(previewed.preview.errors).toEqual([]);

    // A coordinator's plan edit commits just before the upload's own save.
    const saveVersion = f.stores.registers.saveVersion.bind(f.stores.registers);
    let raced = false;
    f.stores.registers.saveVersion = async (content, meta) => {
      if (!raced) {
        raced = true;
        const v1 = (await f.stores.registers.current())!;
        const plans = v1.plans.map((p) => (p.id === 'vatten' ? { ...p, title: 'Vattenplan (ändrad)' } : p));
        await saveVersion({ ...v1, plans }, { importedBy: 'annan@kalmar.se', importedAt: new Date(), source: 'Teams: ändrad plan' });
      }
      return saveVersion(content, meta);
    };

    const outcome = await applyRegisterUpload(f.deps, sara, { uploadId: previewed.preview.uploadId, baseVersion: 1 });
    expect(outcome).toMatchObject({ kind: 'changed-meanwhile', preview: { baseVersion: 2 } });
    const current = (await f.stores.registers.current())!;
    expect(current.version).toBe(2);
    expect(current.plans.find((p) => p.id === 'vatten')?.title).toBe('Vattenplan (ändrad)');
  });
});
