/**
 * A batch of facts another system reports about lines (a carrier's events, pushed verification
 * results): applied one by one in the order of their own times, earliest first and ties in the
 * batch's order, so a late report of an earlier fact never undoes a later one; each answered, in
 * the batch's order. A fact that breaks a rule (an {@link AppError}) is answered as refused and
 * the rest go on; anything else is a fault and ends the batch.
 */
import { AppError } from './errors.ts';

export async function answerInTimeOrder<Fact extends { at: string }, Answer>(
  facts: readonly Fact[],
  apply: (fact: Fact) => Promise<Answer>,
  refused: (fact: Fact, error: AppError) => Answer,
): Promise<Answer[]> {
  const order = facts.map((fact, index) => ({ fact, index, at: Date.parse(fact.at) })).sort((a, b) => a.at - b.at || a.index - b.index);
  const answers = new Array<Answer>(facts.length);
  for (const { fact, index } of order) {
    try {
      answers[index] = await apply(fact);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      answers[index] = refused(fact, error);
    }
  }
  return answers;
}
