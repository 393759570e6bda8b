
n2os-interfacesŠ
	interfaceshutdown*Shut the interface down (administratively)*G>/n2os-interfaces:interfaces/interface[name='{ifname}']/enabledfalseš
	interfaceno shutdownNegate a command*Shut the interface down (administratively)*B>/n2os-interfaces:interfaces/interface[name='{ifname}']/enabled·
	interface ip address A.B.C.D/M [secondary]IPv4 settingsSet an IPv4 addressAddress and prefix lengthA secondary address*OM/n2os-interfaces:interfaces/interface[name='{ifname}']/ipv4/address[ip='{3}']*cW/n2os-interfaces:interfaces/interface[name='{ifname}']/ipv4/address[ip='{3}']/secondary{4:true}ì
	interface#no ip address A.B.C.D/M [secondary]Negate a commandIPv4 settingsRemove an IPv4 addressAddress and prefix lengthA secondary address*QM/n2os-interfaces:interfaces/interface[name='{ifname}']/ipv4/address[ip='{4}']´
	interfaceipv6 address X:X::X:X/MIPv6 settingsSet an IPv6 addressAddress and prefix length*OM/n2os-interfaces:interfaces/interface[name='{ifname}']/ipv6/address[ip='{3}']Î
	interfaceno ipv6 address X:X::X:X/MNegate a commandIPv6 settingsRemove an IPv6 addressAddress and prefix length*QM/n2os-interfaces:interfaces/interface[name='{ifname}']/ipv6/address[ip='{4}']œ
	interfacedescription LINEInterface descriptionText (up to 255 characters)*IB/n2os-interfaces:interfaces/interface[name='{ifname}']/description{2}Œ
	interfaceno descriptionNegate a commandInterface description*FB/n2os-interfaces:interfaces/interface[name='{ifname}']/descriptionƒ
	interfacemtu <68-65535>Set the interface MTUMTU in bytes*A:/n2os-interfaces:interfaces/interface[name='{ifname}']/mtu{2}’
	interfaceno mtuNegate a command+Set the interface MTU (back to what it was)*>:/n2os-interfaces:interfaces/interface[name='{ifname}']/mtu_
execshow interface [json]Show running system informationInterface statusJSON output v
execshow interface IFNAME [json]Show running system informationInterface statusInterface nameJSON output ’
execshow ip interface brief [json]Show running system informationIPv4 informationInterface statusOne line per interfaceJSON output 