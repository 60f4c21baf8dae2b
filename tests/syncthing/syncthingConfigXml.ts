/** One Syncthing instance of the pair, as its config file describes it. */
export interface SyncthingPeer {
  deviceId: string;
  name: string;
  /** Sync protocol port on 127.0.0.1. */
  listenPort: number;
}

export interface SyncthingConfigInput {
  self: SyncthingPeer;
  other: SyncthingPeer;
  guiPort: number;
  apiKey: string;
  folderId: string;
  folderPath: string;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const device = (peer: SyncthingPeer, address: string): string => `
    <device id="${peer.deviceId}" name="${escapeXml(peer.name)}" compression="metadata" introducer="false" skipIntroductionRemovals="false" introducedBy="">
        <address>${address}</address>
        <paused>false</paused>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>`;

/**
 * The whole config.xml (Syncthing 1.19, config version 36) of one instance: everything over
 * 127.0.0.1 and nothing beyond (no discovery, relays, NAT, STUN, usage or crash reports,
 * upgrades), the other device known by id at an explicit address, and one shared folder that
 * rescans quickly, so a test waits seconds rather than minutes.
 */
export function syncthingConfigXml(input: SyncthingConfigInput): string {
  const { self, other } = input;
  return `<configuration version="36">
    <folder id="${escapeXml(input.folderId)}" label="${escapeXml(input.folderId)}" path="${escapeXml(input.folderPath)}" type="sendreceive" rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="${self.deviceId}" introducedBy=""></device>
        <device id="${other.deviceId}" introducedBy=""></device>
        <minDiskFree unit="%">0</minDiskFree>
        <pullerPauseS>1</pullerPauseS>
        <maxConflicts>10</maxConflicts>
        <paused>false</paused>
        <markerName>.stfolder</markerName>
    </folder>${device(self, 'dynamic')}${device(other, `tcp://127.0.0.1:${other.listenPort}`)}
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${input.guiPort}</address>
        <apikey>${escapeXml(input.apiKey)}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.listenPort}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <announceLANAddresses>false</announceLANAddresses>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
`;
}
