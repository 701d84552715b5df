"""azurerm compute resources -> Microsoft.Compute types: VMs (linux, windows, legacy), scale sets, availability sets.

Defaults that matter to rules (FACTS.md, AZ801/AZ809): a Linux scale set
without `instances` has 0 instances (azurerm default, v3-v5), written as
`sku.capacity = 0` located at the resource block; a Windows scale set's
`instances` is required; an orchestrated scale set's is optional with no
default, so nothing is written when it is absent.
"""

from __future__ import annotations

from linter.frontends.terraform.mapping.base import Mapping, Out, as_list, blocks, common, ref
from linter.frontends.terraform.view import BlockView

NIC_CONFIGS = ("properties", "virtualMachineProfile", "networkProfile", "networkInterfaceConfigurations")


def _nic_ids(view: BlockView, out: Out) -> None:
    value = view.get("network_interface_ids")
    if value is None:
        return
    path = ("properties", "networkProfile", "networkInterfaces")
    if not isinstance(value, list):
        out.put(path, value, view.loc("network_interface_ids"))
        return
    out.put(path, [], view.loc("network_interface_ids"))
    for i, nic in enumerate(value):
        out.put(path + (i,), ref(nic), view.loc("network_interface_ids"))
        out.put(path + (i, "id"), nic, view.loc("network_interface_ids"))


def _vm_common(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "availability_set_id", ("properties", "availabilitySet"), ref)
    out.copy(view, "virtual_machine_scale_set_id", ("properties", "virtualMachineScaleSet"), ref)
    out.copy(view, "proximity_placement_group_id", ("properties", "proximityPlacementGroup"), ref)
    out.copy(view, "platform_fault_domain", ("properties", "platformFaultDomain"))
    if view.get("zone") is not None:  # one zone: a list of one, even when the zone itself is unknown
        out.put(("zones",), [view.get("zone")], view.loc("zone"))
    out.copy(view, "zones", ("zones",), as_list)
    _nic_ids(view, out)
    out.copy(view, "encryption_at_host_enabled", ("properties", "securityProfile", "encryptionAtHost"))
    boot = view.block("boot_diagnostics")
    if boot is not None:
        at = ("properties", "diagnosticsProfile", "bootDiagnostics")
        out.put(at + ("enabled",), True, boot.location)
        out.copy(boot, "storage_account_uri", at + ("storageUri",))


def build_vm(view: BlockView, out: Out) -> None:
    _vm_common(view, out)
    out.copy(view, "size", ("properties", "hardwareProfile", "vmSize"))
    out.copy(view, "admin_username", ("properties", "osProfile", "adminUsername"))
    out.copy(view, "computer_name", ("properties", "osProfile", "computerName"))
    out.copy(view, "disable_password_authentication",
             ("properties", "osProfile", "linuxConfiguration", "disablePasswordAuthentication"))


def build_legacy_vm(view: BlockView, out: Out) -> None:
    _vm_common(view, out)
    out.copy(view, "vm_size", ("properties", "hardwareProfile", "vmSize"))
    linux = view.block("os_profile_linux_config")
    if linux is not None:
        out.copy(linux, "disable_password_authentication",
                 ("properties", "osProfile", "linuxConfiguration", "disablePasswordAuthentication"))


def _ip_configurations(nic: BlockView, out: Out, at: tuple, public_block: str) -> None:
    for j, ipc in enumerate(blocks(nic, "ip_configuration")):
        ip_at = at + ("properties", "ipConfigurations", j)
        out.put(ip_at, {}, ipc.location)
        out.copy(ipc, "name", ip_at + ("name",))
        props = ip_at + ("properties",)
        out.copy(ipc, "subnet_id", props + ("subnet",), ref)
        out.copy(ipc, "primary", props + ("primary",))
        out.copy(ipc, "load_balancer_backend_address_pool_ids", props + ("loadBalancerBackendAddressPools",),
                 lambda ids: [ref(x) for x in ids] if isinstance(ids, list) else ids)
        for public in ipc.all(public_block):
            pub = props + ("publicIPAddressConfiguration",)
            out.put(pub, {}, public.location)
            out.copy(public, "name", pub + ("name",))
            out.copy(public, "idle_timeout_in_minutes", pub + ("properties", "idleTimeoutInMinutes"))
            out.copy(public, "idle_timeout", pub + ("properties", "idleTimeoutInMinutes"))
            out.copy(public, "domain_name_label", pub + ("properties", "dnsSettings", "domainNameLabel"))
            out.copy(public, "public_ip_prefix_id", pub + ("properties", "publicIPPrefix"), ref)


def _nic_configurations(view: BlockView, out: Out, block_name: str, public_block: str) -> None:
    for i, nic in enumerate(blocks(view, block_name)):
        at = NIC_CONFIGS + (i,)
        out.put(at, {}, nic.location)
        out.copy(nic, "name", at + ("name",))
        out.copy(nic, "primary", at + ("properties", "primary"))
        out.copy(nic, "network_security_group_id", at + ("properties", "networkSecurityGroup"), ref)
        out.copy_first(nic, ("enable_accelerated_networking", "accelerated_networking_enabled",
                             "accelerated_networking"),
                       at + ("properties", "enableAcceleratedNetworking"))
        _ip_configurations(nic, out, at, public_block)


def _scale_set(view: BlockView, out: Out, default_instances: int | None) -> None:
    common(view, out)
    out.copy(view, "sku", ("sku", "name"))
    out.copy(view, "sku_name", ("sku", "name"))
    if not out.copy(view, "instances", ("sku", "capacity")) and default_instances is not None:
        out.put(("sku", "capacity"), default_instances, view.location)
    out.copy(view, "zones", ("zones",), as_list)
    out.copy(view, "upgrade_mode", ("properties", "upgradePolicy", "mode"))
    out.copy(view, "platform_fault_domain_count", ("properties", "platformFaultDomainCount"))
    out.copy(view, "single_placement_group", ("properties", "singlePlacementGroup"))
    out.copy(view, "admin_username", ("properties", "virtualMachineProfile", "osProfile", "adminUsername"))
    _nic_configurations(view, out, "network_interface", "public_ip_address")


def build_linux_vmss(view: BlockView, out: Out) -> None:
    _scale_set(view, out, 0)


def build_windows_vmss(view: BlockView, out: Out) -> None:
    _scale_set(view, out, None)


def build_orchestrated_vmss(view: BlockView, out: Out) -> None:
    _scale_set(view, out, None)
    out.put(("properties", "orchestrationMode"), "Flexible", None)


def build_legacy_vmss(view: BlockView, out: Out) -> None:
    common(view, out)
    sku = view.block("sku")
    if sku is not None:
        out.mark(("sku",), sku.location)
        out.copy(sku, "name", ("sku", "name"))
        out.copy(sku, "tier", ("sku", "tier"))
        out.copy(sku, "capacity", ("sku", "capacity"))
    out.copy(view, "zones", ("zones",), as_list)
    out.copy(view, "upgrade_policy_mode", ("properties", "upgradePolicy", "mode"))
    _nic_configurations(view, out, "network_profile", "public_ip_address_configuration")


def build_availability_set(view: BlockView, out: Out) -> None:
    common(view, out)
    out.copy(view, "platform_fault_domain_count", ("properties", "platformFaultDomainCount"))
    out.copy(view, "platform_update_domain_count", ("properties", "platformUpdateDomainCount"))
    out.copy(view, "managed", ("sku", "name"), lambda managed: "Aligned" if managed else "Classic")


def build_plain(view: BlockView, out: Out) -> None:
    common(view, out)


MAPPINGS = {
    "azurerm_linux_virtual_machine": Mapping("Microsoft.Compute/virtualMachines", build_vm),
    "azurerm_windows_virtual_machine": Mapping("Microsoft.Compute/virtualMachines", build_vm),
    "azurerm_virtual_machine": Mapping("Microsoft.Compute/virtualMachines", build_legacy_vm),
    "azurerm_linux_virtual_machine_scale_set": Mapping("Microsoft.Compute/virtualMachineScaleSets",
                                                       build_linux_vmss),
    "azurerm_windows_virtual_machine_scale_set": Mapping("Microsoft.Compute/virtualMachineScaleSets",
                                                         build_windows_vmss),
    "azurerm_orchestrated_virtual_machine_scale_set": Mapping("Microsoft.Compute/virtualMachineScaleSets",
                                                              build_orchestrated_vmss),
    "azurerm_virtual_machine_scale_set": Mapping("Microsoft.Compute/virtualMachineScaleSets",
                                                 build_legacy_vmss),
    "azurerm_availability_set": Mapping("Microsoft.Compute/availabilitySets", build_availability_set),
    "azurerm_managed_disk": Mapping("Microsoft.Compute/disks", build_plain),
    "azurerm_kubernetes_cluster": Mapping("Microsoft.ContainerService/managedClusters", build_plain),
}
