import { dailyReportForm } from '@cascade/forms';

/** The form every grid reports on in the bench world: the demo's 每日疫情防控报告. */
export const DAILY_FORM = dailyReportForm;

/** A valid day's answers for the i-th report, varied so the roll-up's sums and averages are real work. */
export function dailyAnswers(i: number): Record<string, unknown> {
  const households = 40 + (i % 260);
  return {
    householdsScreened: households,
    personsScreened: households * 3 - (i % 7),
    returnees: i % 5,
    homeIsolation: i % 3,
    feverCases: i % 11 === 0 ? 1 : 0,
    vaccinationRate: 80 + (i % 200) / 10,
    anomaly: false,
    reporterPhone: `1380000${String(i % 10_000).padStart(4, '0')}`,
  };
}
