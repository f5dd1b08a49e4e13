import type { Role } from '../users/user.table.js';

/*
 * What the demo database holds: a small, realistic lab. Values follow public data for a
 * 21700 NMC811/graphite cell (Chen et al. 2020, doi:10.1149/1945-7111/ab9050).
 */

export const demoRoles: { role: Role; username: string; fullName: string }[] = [
  { role: 'read_only', username: 'demo_reader', fullName: 'Rita Reader' },
  { role: 'contributor', username: 'demo_contributor', fullName: 'Carl Contributor' },
  { role: 'maintainer', username: 'demo_maintainer', fullName: 'Mona Maintainer' },
  { role: 'user_manager', username: 'demo_user_manager', fullName: 'Ulla Manager' },
  { role: 'administrator', username: 'demo_admin', fullName: 'Ada Administrator' },
];

export const demoCompounds = [
  { name: 'Graphite', formula: 'C6' },
  { name: 'NMC811', formula: 'LiNi0.8Mn0.1Co0.1O2' },
  { name: 'PVDF', formula: '(C2H2F2)1000' },
  { name: 'Lithium hexafluorophosphate', formula: 'LiPF6' },
  { name: 'Ethylene carbonate', formula: 'C3H4O3' },
  { name: 'Ethyl methyl carbonate', formula: 'C4H8O3' },
  { name: 'Polyethylene', formula: '(C2H4)1000' },
];

/** [component name, type, [compound name, relative amount][]] */
export const demoComponents: [string, 'anode' | 'cathode' | 'electrolyte' | 'separator', [string, number][]][] = [
  ['Graphite anode', 'anode', [['Graphite', 95], ['PVDF', 5]]],
  ['NMC811 cathode', 'cathode', [['NMC811', 96], ['PVDF', 4]]],
  ['1 M LiPF6 in EC:EMC 3:7', 'electrolyte', [['Lithium hexafluorophosphate', 12], ['Ethylene carbonate', 26], ['Ethyl methyl carbonate', 62]]],
  ['PE separator', 'separator', [['Polyethylene', 1]]],
];

/** [parameter name, value, unit symbol (null = the parameter's), inheritable] */
type Value = [string, number | string, string | null, boolean];
export const moduleValues: Value[] = [
  ['Nominal voltage', 43.2, null, false],
  ['Number of cells in series', 12, null, false],
  ['Number of cells in parallel', 1, null, false],
  ['Maximum voltage', 4.2, null, true],
  ['Minimum voltage', 2.5, null, true],
  ['Form factor', 'cylindrical 21700', null, true],
];
export const cellValues: Value[] = [
  ['Nominal capacity', 5000, 'mA·h', false],
  ['Nominal voltage', 3.63, null, false],
  ['Nominal energy', 18.2, null, false],
  ['Mass', 69, null, false],
  ['Diameter', 21.1, null, false],
  ['Height', 70.2, null, false],
  ['Positive electrode thickness', 75.6, null, false],
  ['Negative electrode thickness', 85.2, null, false],
  ['Positive electrode area', 1027, null, false],
];

export const demoProtocols = [
  { name: 'Cylindrical winding', type: 'manufacturing' as const, steps: ['Coat electrodes', 'Calender', 'Slit', 'Wind jelly roll', 'Fill electrolyte', 'Formation: 3 cycles at C/10'] },
  { name: '1C cycle ageing', type: 'experimental' as const, steps: ['Charge at 1C until 4.2 V', 'Hold at 4.2 V until C/20', 'Rest for 30 minutes', 'Discharge at 1C until 2.5 V', 'Rest for 30 minutes'] },
  { name: 'GITT C/20', type: 'experimental' as const, steps: ['Discharge at C/20 for 30 minutes or until 2.5 V', 'Rest for 2 hours'] },
  { name: 'HPPC 10 s pulses', type: 'experimental' as const, steps: ['Discharge at 1C for 10 seconds', 'Rest for 40 seconds', 'Charge at 0.75C for 10 seconds', 'Discharge at C/3 for 6 minutes', 'Rest for 1 hour'] },
];

export const demoEquipment = [
  { name: 'Maccor 4000 #1', model: 'Series 4000', serial_number: 'M4K-0117', default_format: 'maccor-txt' },
  { name: 'BioLogic VMP3', model: 'VMP3', serial_number: 'VMP3-2231', default_format: 'biologic-mpr' },
  { name: 'Neware BTS4000', model: 'CT-4008-5V6A', serial_number: 'NW-88213', default_format: 'neware-nda' },
];

/** [name, type, °C, C-rate, thermal management, protocol name, cell sequences (batch of cells), date] */
export const demoExperiments: [string, 'constant_current' | 'gitt' | 'hppc', number, number | null, 'chamber' | 'surface', string, number[], string][] = [
  ['Cycle ageing 25 °C', 'constant_current', 25, 1, 'chamber', '1C cycle ageing', [1, 2, 3, 4], '2024-04-02'],
  ['Cycle ageing 45 °C', 'constant_current', 45, 1, 'chamber', '1C cycle ageing', [5, 6], '2024-04-09'],
  ['GITT 25 °C', 'gitt', 25, 0.05, 'chamber', 'GITT C/20', [7], '2024-05-14'],
  ['HPPC 10 °C', 'hppc', 10, null, 'surface', 'HPPC 10 s pulses', [8], '2024-06-03'],
];
