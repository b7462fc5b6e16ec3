<?xml version="1.0" encoding="utf-8"?>
<!--
  What a reader sees who taps "RSS" or "Peta Situs": the feeds (RSS 2.0) and the sitemaps
  shown by the browser as a page in Indonesian, through <?xml-stylesheet?>. Feed readers and
  search engines ignore it and read the XML as before.
  Every text comes from the XML with xsl:value-of, which escapes it: a title holding <script>
  is shown as text. Never disable-output-escaping here: the titles are the editors' content.
-->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
  exclude-result-prefixes="atom dc sm news">
<xsl:output method="html" encoding="utf-8" indent="no" doctype-system="about:legacy-compat"/>

<xsl:template match="/">
<html lang="id">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:call-template name="heading"/></title>
<style>
body { margin: 0; color: #1b1f24; background: #fff; font: 1.0625rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header { background: #0b3d91; color: #fff; padding: 0.9rem 0 0.7rem; }
header a { color: #fff; font-weight: 800; font-size: 1.25rem; display: inline-flex; align-items: center; min-height: 44px; }
h1 { font-size: 1.35rem; margin: 1.25rem 0 0.75rem; padding-bottom: 0.4rem; border-bottom: 3px solid #c8102e; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
a { color: #0b3d91; }
.how { background: #f4f6f9; border: 1px solid #dfe3e8; border-radius: 0.3rem; padding: 0.25rem 1rem; }
.address { display: block; overflow-wrap: anywhere; background: #fff; border: 1px solid #dfe3e8; padding: 0.4rem 0.6rem; font-size: 0.95rem; }
ol { list-style: none; padding: 0; margin: 0; }
li { padding: 0.6rem 0; border-bottom: 1px solid #dfe3e8; }
li a { display: inline-block; padding: 0.2rem 0; font-weight: 600; overflow-wrap: anywhere; }
.steps { list-style: decimal; padding-left: 1.3rem; }
.steps li { border: 0; padding: 0.3rem 0; }
.summary { display: block; }
.meta { display: block; color: #5a6270; font-size: 0.875rem; }
</style>
</head>
<body>
<header><div class="wrap"><xsl:call-template name="home"/></div></header>
<main class="wrap">
<h1><xsl:call-template name="heading"/></h1>
<xsl:apply-templates select="rss/channel | sm:urlset | sm:sitemapindex"/>
</main>
</body>
</html>
</xsl:template>

<xsl:template name="heading">
<xsl:choose>
<xsl:when test="rss">Umpan berita: <xsl:value-of select="rss/channel/title"/></xsl:when>
<xsl:otherwise>Peta situs</xsl:otherwise>
</xsl:choose>
</xsl:template>

<!-- the way back: a feed's page on the site; the site's home for a sitemap (at its root) -->
<xsl:template name="home">
<xsl:choose>
<xsl:when test="rss"><a href="{rss/channel/link}"><xsl:value-of select="rss/channel/title"/></a></xsl:when>
<xsl:otherwise><a href="./">Beranda</a></xsl:otherwise>
</xsl:choose>
</xsl:template>

<!-- a feed: what it is, how to follow it, its latest stories -->
<xsl:template match="channel">
<p>Ini adalah <strong>umpan RSS</strong>: halaman untuk aplikasi pembaca berita. Dengan
mengikutinya, setiap berita baru <xsl:value-of select="title"/> muncul di aplikasi Anda tanpa
perlu membuka situs ini.</p>
<div class="how">
<h2>Cara mengikuti</h2>
<ol class="steps">
<li>Pasang aplikasi pembaca umpan (RSS), misalnya <strong>Feeder</strong> di Android
(gratis, di Google Play atau F-Droid) atau <strong>NetNewsWire</strong> di iPhone.</li>
<li>Salin alamat ini, lalu tempelkan di aplikasi itu (menu "Tambah umpan"):
<code class="address"><xsl:value-of select="atom:link[@rel='self']/@href"/></code></li>
</ol>
</div>
<h2>Berita terbaru</h2>
<ol>
<xsl:for-each select="item">
<li>
<a href="{link}"><xsl:value-of select="title"/></a>
<span class="meta"><xsl:apply-templates select="pubDate"/><xsl:if test="dc:creator"> · <xsl:value-of select="dc:creator"/></xsl:if></span>
<xsl:if test="description"><span class="summary"><xsl:value-of select="description"/></span></xsl:if>
</li>
</xsl:for-each>
</ol>
<p><a href="{link}">Buka <xsl:value-of select="title"/> di situsnya</a></p>
</xsl:template>

<!-- a sitemap: the list of pages, for search engines; a person may browse it too -->
<xsl:template match="sm:urlset">
<p>Peta situs ini memuat <xsl:value-of select="count(sm:url)"/> halaman, untuk mesin pencari.
Anda juga dapat membuka setiap halaman dari daftar ini.</p>
<ol>
<xsl:for-each select="sm:url">
<li>
<a href="{sm:loc}"><xsl:choose>
<xsl:when test="news:news/news:title"><xsl:value-of select="news:news/news:title"/></xsl:when>
<xsl:otherwise><xsl:value-of select="sm:loc"/></xsl:otherwise>
</xsl:choose></a>
<xsl:if test="sm:lastmod"><span class="meta">Diperbarui <xsl:apply-templates select="sm:lastmod"/></span></xsl:if>
</li>
</xsl:for-each>
</ol>
</xsl:template>

<xsl:template match="sm:sitemapindex">
<p>Peta situs ini terbagi atas <xsl:value-of select="count(sm:sitemap)"/> bagian.</p>
<ol>
<xsl:for-each select="sm:sitemap">
<li><a href="{sm:loc}"><xsl:value-of select="sm:loc"/></a>
<xsl:if test="sm:lastmod"><span class="meta">Diperbarui <xsl:apply-templates select="sm:lastmod"/></span></xsl:if></li>
</xsl:for-each>
</ol>
</xsl:template>

<!-- RFC 822, as the feeds write it: "Mon, 12 Feb 2024 07:00:00 +0800" -->
<xsl:template match="pubDate">
<xsl:variable name="d" select="normalize-space(.)"/>
<xsl:call-template name="weekday"><xsl:with-param name="day" select="substring($d, 1, 3)"/></xsl:call-template>
<xsl:text>, </xsl:text>
<xsl:value-of select="number(substring($d, 6, 2))"/>
<xsl:text> </xsl:text>
<xsl:call-template name="month">
<xsl:with-param name="number" select="(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring($d, 9, 3))) div 3) + 1"/>
</xsl:call-template>
<xsl:text> </xsl:text>
<xsl:value-of select="substring($d, 13, 4)"/>
<xsl:text> </xsl:text>
<xsl:value-of select="translate(substring($d, 18, 5), ':', '.')"/>
<xsl:text> </xsl:text>
<xsl:variable name="zone" select="substring($d, 27, 5)"/>
<xsl:choose>
<xsl:when test="$zone = '+0700'">WIB</xsl:when>
<xsl:when test="$zone = '+0800'">WITA</xsl:when>
<xsl:when test="$zone = '+0900'">WIT</xsl:when>
<xsl:otherwise><xsl:value-of select="$zone"/></xsl:otherwise>
</xsl:choose>
</xsl:template>

<!-- W3C datetime, as the sitemaps write it: "2024-02-12T07:00:00+08:00" -->
<xsl:template match="sm:lastmod">
<xsl:value-of select="number(substring(., 9, 2))"/>
<xsl:text> </xsl:text>
<xsl:call-template name="month"><xsl:with-param name="number" select="number(substring(., 6, 2))"/></xsl:call-template>
<xsl:text> </xsl:text>
<xsl:value-of select="substring(., 1, 4)"/>
</xsl:template>

<xsl:template name="weekday">
<xsl:param name="day"/>
<xsl:choose>
<xsl:when test="$day = 'Mon'">Senin</xsl:when>
<xsl:when test="$day = 'Tue'">Selasa</xsl:when>
<xsl:when test="$day = 'Wed'">Rabu</xsl:when>
<xsl:when test="$day = 'Thu'">Kamis</xsl:when>
<xsl:when test="$day = 'Fri'">Jumat</xsl:when>
<xsl:when test="$day = 'Sat'">Sabtu</xsl:when>
<xsl:when test="$day = 'Sun'">Minggu</xsl:when>
</xsl:choose>
</xsl:template>

<xsl:template name="month">
<xsl:param name="number"/>
<xsl:choose>
<xsl:when test="$number = 1">Januari</xsl:when>
<xsl:when test="$number = 2">Februari</xsl:when>
<xsl:when test="$number = 3">Maret</xsl:when>
<xsl:when test="$number = 4">April</xsl:when>
<xsl:when test="$number = 5">Mei</xsl:when>
<xsl:when test="$number = 6">Juni</xsl:when>
<xsl:when test="$number = 7">Juli</xsl:when>
<xsl:when test="$number = 8">Agustus</xsl:when>
<xsl:when test="$number = 9">September</xsl:when>
<xsl:when test="$number = 10">Oktober</xsl:when>
<xsl:when test="$number = 11">November</xsl:when>
<xsl:when test="$number = 12">Desember</xsl:when>
</xsl:choose>
</xsl:template>
</xsl:stylesheet>
