/** A daily epidemic report that passes the form: three households, nothing unusual. */
export const validReport = { householdsScreened: 3, personsScreened: 9, returnees: 1, homeIsolation: 0, feverCases: 0, anomaly: false, reporterPhone: '13800138000' };
