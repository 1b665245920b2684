"""DescribeLocations: the Direct Connect locations of each region, as AWS lists them (port speeds
written "1G", "10G", "100G" [seen: AWS's own answers]).

AWS publishes no machine-readable catalogue; these are a few real locations per region, named as
AWS's answers and examples name them (sa-east-1: exactly the CLI example's two), and three generic
ones in every other region [choice]: enough for Terraform's aws_dx_location(s) data sources, which
pick the third location (or the last) and its first provider, and for its MACsec tests, which need
a location with 10G MACsec ports.

A connection, LAG or interconnect may name any location unless the deployment asks for strict
locations (``DX_EMULATOR_STRICT_LOCATIONS``) [choice: existing tests keep working by default].
"""

from __future__ import annotations

from ..errors import ClientException
from ..records import record


@record
class Location:
    code: str
    name: str
    port_speeds: tuple[str, ...] = ("1G", "10G", "100G")
    providers: tuple[str, ...] = ()
    macsec_speeds: tuple[str, ...] = ()


CATALOGUE: dict[str, tuple[Location, ...]] = {
    "us-east-1": (
        Location("EqDC2", "Equinix DC1-DC6 & DC10-DC12, Ashburn, VA", providers=("Equinix", "Megaport"),
                 macsec_speeds=("10G", "100G")),
        Location("CSVA1", "CoreSite VA1, Reston, VA", providers=("CoreSite", "Zayo")),
        Location("EqNY5", "Equinix NY5, Secaucus, NJ", ("1G", "10G", "100G", "400G"), ("Equinix", "Lumen"),
                 ("10G", "100G", "400G")),
    ),
    "sa-east-1": (
        Location("TNDB", "NAP do Brasil, Barueri, Sao Paulo", providers=("Tivit",)),
        Location("TIVIT", "Tivit - Site Transamerica (Sao Paulo)", providers=("Tivit",), macsec_speeds=("10G",)),
    ),
    "ap-northeast-2": (
        Location("LGKNX", "KINX Gasen, Seoul, KOR", ("1G", "10G"), ("Sejong", "SK Telecom", "LG Uplus", "KINX")),
        Location("LGLGU", "LG U+ Pyeongchon, Seoul, KOR", providers=("LG Uplus",), macsec_speeds=("10G",)),
        Location("LGKT", "KT Mokdong, Seoul, KOR", providers=("KT",)),
    ),
}


def _generic(region: str) -> tuple[Location, ...]:
    code = "".join(part[0].upper() for part in region.split("-")[:-1]) + region.rsplit("-", 1)[-1]
    return (
        Location(f"{code}A", f"Emulated Direct Connect site A ({region})", providers=("Example Networks",),
                 macsec_speeds=("10G", "100G")),
        Location(f"{code}B", f"Emulated Direct Connect site B ({region})", providers=("Example Networks",
                                                                                      "Example Fiber")),
        Location(f"{code}C", f"Emulated Direct Connect site C ({region})", providers=("Example Fiber",),
                 macsec_speeds=("10G", "100G")),
    )


def locations(region: str) -> tuple[Location, ...]:
    return CATALOGUE.get(region) or _generic(region)


def checked_location(code: str, region: str, strict: bool) -> str:
    """``code`` when it is a location of the region, or any code unless locations are strict."""
    if strict and code not in {location.code for location in locations(region)}:
        raise ClientException(f"Location {code} is not a Direct Connect location in {region}: DescribeLocations "
                              "lists them")
    return code
