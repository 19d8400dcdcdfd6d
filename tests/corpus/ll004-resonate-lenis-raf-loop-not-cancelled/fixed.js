import React, { useEffect } from 'react';
import './App.css';
import Navbar from './components/NavBar/Navbar';
import Hero from './components/Hero/Hero';
import Footer from './components/Footer/Footer';
import gsap from 'gsap';
import { ScrollTrigger } from 'gsap/ScrollTrigger';
import Lenis from 'lenis';

gsap.registerPlugin(ScrollTrigger);

function App() {
  useEffect(() => {
    const lenis = new Lenis({
      duration: 1.2,
      easing: (t) => Math.min(1, 1.001 - Math.pow(2, -10 * t)),
      smooth: true,
    });
    let rafId;

    function raf(time) {
      lenis.raf(time);
      rafId = requestAnimationFrame(raf);
    }

    rafId = requestAnimationFrame(raf);

    const heroTl = gsap.timeline();
    heroTl.fromTo('.hero-content h1',
      { y: 100, opacity: 0 },
      { y: 0, opacity: 1, duration: 1, ease: 'power4.out' }
    );

    gsap.utils.toArray('.feature-item').forEach((feature) => {
      gsap.timeline({
        scrollTrigger: { trigger: feature, start: 'top 80%', toggleActions: 'play none none reverse' }
      }).fromTo(feature, { opacity: 0 }, { opacity: 1, duration: 0.8 });
    });

    return () => {
      cancelAnimationFrame(rafId);
      lenis.destroy();
      ScrollTrigger.getAll().forEach(t => t.kill());
    };
  }, []);

  return (
    <div className="App">
      <Navbar />
      <Hero />
      <Footer />
    </div>
  );
}

export default App;
