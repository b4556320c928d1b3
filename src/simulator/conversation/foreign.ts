/**
 * French and Spanish lines for the few calls Gong transcribes as `fre` or `spa` (docs/gong-api.md §3.2
 * `language`). Phases without their own lines fall back to `default`. Product words such as
 * "SOC 2" stay in English, as they do in real calls.
 */
import type { PhaseKey, Side } from './phases.js';

export type ForeignLanguage = 'fre' | 'spa';
type Lines = { anchors?: Partial<Record<Side, readonly string[]>>; lines: Record<Side, readonly string[]> };

export const FOREIGN_PHASES: Record<ForeignLanguage, Partial<Record<PhaseKey | 'default', Lines>>> = {
  fre: {
    greeting: {
      anchors: { seller: ["Bonjour {buyer}, merci d'avoir pris le temps aujourd'hui."] },
      lines: { seller: ["Vous m'entendez bien ?", "Je pense que tout le monde est là."], buyer: ['Bonjour {seller}, oui, très bien.', 'Merci de nous recevoir.'] },
    },
    discovery: {
      lines: {
        seller: ['Pouvez-vous me décrire votre processus actuel ?', "Combien de personnes utiliseraient l'outil ?", 'Quels sont vos principaux problèmes aujourd’hui ?'],
        buyer: ["Aujourd'hui, nous utilisons surtout des tableurs.", "L'équipe compte environ {team} personnes.", 'Les prévisions nous prennent une journée par semaine.'],
      },
    },
    pricing: {
      anchors: { seller: ['Notre tarif est de {price} dollars par utilisateur et par mois, avec une remise de {discount} pour cent sur un contrat annuel.'] },
      lines: { seller: ["L'accompagnement est inclus."], buyer: ["C'est plus cher que prévu.", 'Y a-t-il une marge sur la remise ?'] },
    },
    security: {
      anchors: { seller: ['Nous sommes certifiés SOC 2 Type II et nous proposons le single sign-on via SAML.'] },
      lines: { seller: ['Les données peuvent être hébergées en Europe pour le RGPD.'], buyer: ['Notre équipe sécurité voudra le rapport SOC 2.'] },
    },
    competition: {
      anchors: { buyer: ['Nous regardons aussi {competitor} et {competitor2}.'] },
      lines: { seller: ['Par rapport à {competitor}, nous sommes plus précis sur les prévisions.'], buyer: ['{competitor} nous a proposé un prix plus bas.'] },
    },
    'next-steps': {
      anchors: { seller: ["Je vous envoie la proposition d'ici {day} et on planifie un suivi."] },
      lines: { seller: ["J'envoie une invitation pour la semaine prochaine."], buyer: ['Parfait, merci.', 'Je dois en parler à mon responsable.'] },
    },
    default: {
      lines: { seller: ['Très bien.', "C'est une bonne question.", 'Je comprends.'], buyer: ["D'accord.", 'Oui, exactement.', 'Intéressant.'] },
    },
  },
  spa: {
    greeting: {
      anchors: { seller: ['Hola {buyer}, gracias por tu tiempo hoy.'] },
      lines: { seller: ['¿Me escuchas bien?', 'Creo que ya estamos todos.'], buyer: ['Hola {seller}, sí, perfectamente.', 'Gracias por la invitación.'] },
    },
    discovery: {
      lines: {
        seller: ['¿Cómo gestionan hoy las previsiones de ventas?', '¿Cuántas personas usarían la herramienta?'],
        buyer: ['Hoy usamos sobre todo hojas de cálculo.', 'El equipo tiene unas {team} personas.'],
      },
    },
    pricing: {
      anchors: { seller: ['El precio es de {price} dólares por usuario al mes, con un descuento del {discount} por ciento en un contrato anual.'] },
      lines: { seller: ['La implementación está incluida.'], buyer: ['Es más de lo que esperábamos.', '¿Hay flexibilidad en el descuento?'] },
    },
    security: {
      anchors: { seller: ['Tenemos la certificación SOC 2 Type II y ofrecemos single sign-on con SAML.'] },
      lines: { seller: ['Los datos pueden alojarse en Europa por el RGPD.'], buyer: ['Nuestro equipo de seguridad pedirá el informe SOC 2.'] },
    },
    competition: {
      anchors: { buyer: ['También estamos evaluando {competitor} y {competitor2}.'] },
      lines: { seller: ['Frente a {competitor}, somos más precisos en las previsiones.'], buyer: ['{competitor} nos dio un precio más bajo.'] },
    },
    'next-steps': {
      anchors: { seller: ['Te envío la propuesta el {day} y agendamos un seguimiento.'] },
      lines: { seller: ['Te mando una invitación para la próxima semana.'], buyer: ['Perfecto, gracias.', 'Tengo que consultarlo con mi jefe.'] },
    },
    default: {
      lines: { seller: ['Muy bien.', 'Buena pregunta.', 'Entiendo.'], buyer: ['De acuerdo.', 'Sí, exacto.', 'Interesante.'] },
    },
  },
};
