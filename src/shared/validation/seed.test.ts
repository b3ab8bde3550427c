import { describe, expect, it } from 'vitest';
import { getSeed } from '../../../seeds';
import { loadShippedDictionaries } from '../../main/dictionary';
import { DraftModel } from '../engine/model';
import { getTemplate } from '../template';
import { createFindingEngine } from '.';

describe('seed', () => {
  it('has no findings', () => {
    const seed = getSeed('juluxian-2024');
    const template = getTemplate(seed.meta.templateId);
    const model = new DraftModel(template, seed.content);
    const engine = createFindingEngine(template, loadShippedDictionaries());
    const findings = engine.full(model);
    console.log(engine.instanceCount, findings.map((f) => f.id + ' ' + f.message).join('\n'));
    expect(findings).toEqual([]);
  });
});
