import { decodeNdaxXml, xmlAttributes, xmlNumberedElements } from './ndax-xml.js';

/** An aux channel declared in TestInfo.xml. */
export interface NdaxAuxChannel {
  auxId: number;
  chlType: number;
  /** The hardware channel; the first number of its data_AUX_<RealChlID>_<b>_<c>.ndc file. NaN when absent. */
  realChlId: number;
}

/** Metadata and aux channel list from VersionInfo.xml, TestInfo.xml and Step.xml. */
export function readNdaxMetadata(entries: Map<string, Uint8Array>): { metadata: Record<string, unknown>; auxChannels: NdaxAuxChannel[] } {
  const metadata: Record<string, unknown> = { vendor: 'Neware' };
  const version = xmlAttributes(decodeNdaxXml(entries.get('VersionInfo.xml')), 'ZwjVersion');
  if (version) {
    metadata.server = version.SvrVer;
    metadata.client = version.CurrClientVer;
    metadata.software = version.CurrClientVer;
    metadata.controlUnitVersion = version.ZwjVersion;
    metadata.testerVersion = version.MainXwjVer;
    if (version.ZwjSn) metadata.serial = version.ZwjSn;
  }
  const testInfoXml = decodeNdaxXml(entries.get('TestInfo.xml'));
  const info = xmlAttributes(testInfoXml, 'TestInfo');
  if (info) {
    metadata.startTime = info.StartTime;
    metadata.endTime = info.EndTime;
    metadata.device = info.DevID;
    metadata.unit = info.UnitID;
    metadata.channel = info.ChlID;
    metadata.schedule = info.StepName;
    if (info.Barcode) metadata.barcode = info.Barcode;
    if (info.Remark) metadata.remarks = info.Remark;
    metadata.currentRangeMA = Number(info.CurrRange);
  }
  const scq = xmlAttributes(decodeNdaxXml(entries.get('Step.xml')), 'SCQ');
  if (scq && Number.isFinite(Number(scq.Value))) metadata.activeMassMg = Number(scq.Value) / 1000;
  const auxChannels = xmlNumberedElements(testInfoXml, 'Aux').map((a) => ({ auxId: Number(a.AuxID), chlType: Number(a.ChlType), realChlId: a.RealChlID === undefined ? NaN : Number(a.RealChlID) }));
  return { metadata, auxChannels };
}
