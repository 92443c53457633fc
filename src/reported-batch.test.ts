import { expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { answerInTimeOrder } from './reported-batch.ts';

const facts = [
  { id: 'c', at: '2026-05-10T03:00:00.000Z' },
  { id: 'a', at: '2026-05-10T01:00:00.000Z' },
  { id: 'refused', at: '2026-05-10T02:00:00.000Z' },
  { id: 'b', at: '2026-05-10T01:00:00.000Z' },
];

it('applies in the facts’ own time order (ties in the batch’s), answers in the batch’s, a refusal not stopping the rest', async () => {
  const applied: string[] = [];
  const answers = await answerInTimeOrder(
    facts,
    (fact) => {
      if (fact.id === 'refused') return Promise.reject(new AppError('LINE_CLOSED', 'đóng'));
      applied.push(fact.id);
      return Promise.resolve(`ok ${fact.id}`);
    },
    (fact, error) => `refused ${fact.id} ${error.code}`,
  );
  expect(applied).toEqual(['a', 'b', 'c']);
  expect(answers).toEqual(['ok c', 'ok a', 'refused refused LINE_CLOSED', 'ok b']);
});

it('ends the batch on a fault that is not a rule’s refusal', async () => {
  const fault = answerInTimeOrder(facts, () => Promise.reject(new Error('disk full')), () => 'refused');
  await expect(fault).rejects.toThrow('disk full');
});
