import { readStackConfig, StackConfigError } from '../../local-stack/config';

describe('npm start configuration: the embedded sandbox daily change cap', () => {
  test('SANDBOX_DAILY_CHANGE_LIMIT sets it; unset or empty means no cap', () => {
    expect(readStackConfig({ SANDBOX_DAILY_CHANGE_LIMIT: '24' }).sandboxDailyChangeLimit).toBe(24);
    expect(readStackConfig({ SANDBOX_DAILY_CHANGE_LIMIT: '' }).sandboxDailyChangeLimit).toBeUndefined();
    expect(readStackConfig({}).sandboxDailyChangeLimit).toBeUndefined();
  });

  test('a value that is not a whole number is refused naming the variable', () => {
    for (const value of ['many', '2.5', '-1']) {
      expect(() => readStackConfig({ SANDBOX_DAILY_CHANGE_LIMIT: value })).toThrow(StackConfigError);
      expect(() => readStackConfig({ SANDBOX_DAILY_CHANGE_LIMIT: value })).toThrow(/SANDBOX_DAILY_CHANGE_LIMIT: /);
    }
  });
});
