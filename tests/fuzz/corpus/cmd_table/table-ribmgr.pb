
n2os-routing∆
config-ip route A.B.C.D/M (A.B.C.D|IFNAME) [<1-255>]IPv4 settingsStatic routeDestination prefix!Gateway address or interface name#Administrative distance (default 1)*B@/n2os-routing:routing/static/route[prefix='{3}'][next-hop='{4}']*PI/n2os-routing:routing/static/route[prefix='{3}'][next-hop='{4}']/distance{5}ˇ
config0no ip route A.B.C.D/M (A.B.C.D|IFNAME) [<1-255>]Negate a commandIPv4 settingsStatic routeDestination prefix!Gateway address or interface nameAdministrative distance*D@/n2os-routing:routing/static/route[prefix='{4}'][next-hop='{5}']q
execshow ip route [json]Show running system informationIPv4 informationThe routing tableJSON output ö
execshow ip route A.B.C.D [json]Show running system informationIPv4 informationThe routing tableThe route used for this addressJSON output ê
execshow ip route A.B.C.D/M [json]Show running system informationIPv4 informationThe routing tableThis prefix exactlyJSON output 